import { buildDigestView } from '../../src/core/digest/build-digest-view';
import type { DigestData } from '../../src/core/digest/collect-digest';
import type { DigestSubscription } from '../../src/core/digest/digest-subscription';
import type { DigestView } from '../../src/core/view/sessions-view';
import { makeQuery, makeSession, TEST_TOKENS, VIEW_NOW } from './sessions';

/** Tuesday 1 Dec 2026, 08:00 in Berlin: the slot the digest specs are due at. */
export const DIGEST_SLOT = new Date('2026-12-01T07:00:00Z');

export function makeDigestData(
  options: {
    failed?: number;
    warning?: number;
    success?: number;
    groups?: number;
    name?: string;
    /** A policy failing four days in a row and a VM two days without a backup. */
    findings?: boolean;
  } = {},
): DigestData {
  const failed = options.failed ?? 7;
  const warning = options.warning ?? 3;
  const groups = options.groups ?? 3;
  const shown = Math.min(failed + warning, 100);
  const nameOf = (i: number) =>
    options.name ? `${options.name}${groups > 1 ? i % groups : ''}` : `Prod VMs ${(i % groups) + 1}`;
  const problems = Array.from({ length: shown }, (_, i) =>
    makeSession({ status: i < failed ? 'Error' : 'Warning', targetName: nameOf(i) }, i),
  );
  const day = 24 * 3_600_000;
  return {
    window: { from: new Date(DIGEST_SLOT.getTime() - day), to: DIGEST_SLOT },
    counts: { failed, warning, success: options.success ?? 240, running: 2 },
    previous: { failed: Math.max(0, failed - 2), warning, success: 250 },
    trend: Array.from({ length: 7 }, (_, k) => ({
      from: new Date(DIGEST_SLOT.getTime() - (7 - k) * day),
      failed: k === 6 ? failed : (k * 3) % 5,
    })),
    problems,
    problemsTotal: failed + warning,
    problemsRead: { unreadable: 0, sortedOf: null, total: failed + warning },
    names: { policy: null, vm: null },
    streaks: options.findings
      ? [
          {
            name: options.name ?? 'Prod VMs',
            policyId: 'p1',
            days: 4,
            firstDay: '2026-11-28',
            failed: 5,
            lastAt: '2026-12-01T02:00:00Z',
          },
        ]
      : [],
    streaksComplete: true,
    staleVms: options.findings
      ? {
          stale: [
            {
              id: 'vm1',
              name: options.name ?? 'db-07',
              resourceGroup: 'rg-prod-db',
              lastBackup: '2026-11-29T01:07:00Z',
            },
          ],
          uncovered: [],
          fresh: 216,
          protectedRead: { vms: [], complete: true, unreadable: 0, calls: 3 },
          unprotectedRead: { vms: [], complete: true, unreadable: 0, calls: 1 },
        }
      : null,
    apiCalls: 13,
  };
}

/** How a spec renders a digest: unfiltered, due at `slot`, on time, no Veeam link. */
export function digestViewContext(
  over: Partial<Parameters<typeof buildDigestView>[1]> = {},
): Parameters<typeof buildDigestView>[1] {
  return {
    scope: makeQuery({ statuses: [], fromUtc: null, toUtc: null, timeLabel: null }),
    slot: DIGEST_SLOT,
    late: false,
    pageSize: 10,
    veeamUrl: null,
    tokens: TEST_TOKENS,
    now: VIEW_NOW,
    ...over,
  };
}

export function makeDigestView(
  options: Parameters<typeof makeDigestData>[0] & { late?: boolean } = {},
): DigestView {
  return buildDigestView(makeDigestData(options), {
    scope: makeQuery({ statuses: [], fromUtc: null, toUtc: null, timeLabel: null }),
    slot: DIGEST_SLOT,
    late: options.late ?? false,
    pageSize: 10,
    veeamUrl: 'https://veeam.example.com',
    tokens: TEST_TOKENS,
    now: VIEW_NOW,
  });
}

/** A chat-made daily subscription that the scheduler would post now, on any platform by name. */
export function makeSubscription(platform: string, channelId: string, createdBy: string): DigestSubscription {
  return {
    id: `${platform}:${channelId}`,
    platform,
    channelId,
    schedule: { days: 'daily', time: '08:00', timeZone: 'Europe/Berlin' },
    filters: '',
    createdBy,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    source: 'chat',
  };
}
