import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import {
  authenticatedTeamsEnv,
  type FakeBotFrameworkIdentity,
  startFakeBotFrameworkIdentity,
} from '../fakes/bot-framework-identity';
import { adaptiveCardProblems } from '../support/adaptive-card-validator';
import { postTeamsActivity } from '../support/teams-requests';

const APP_ID = '5e1c2a3b-4d6f-4a8b-9c0d-1e2f3a4b5c6d';
const T = Date.parse('2026-12-03T06:00:00Z');
const ZONE = 'Europe/Berlin';

type Json = Record<string, unknown>;

/** Every text a reader of the card sees: each text block as one line, and the action titles. */
function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v) => {
    if (v && typeof v === 'object') {
      if (v.type === 'TextBlock' && typeof v.text === 'string') out.push(v.text);
      // A RichTextBlock reads as one line: its TextRuns side by side.
      if (v.type === 'RichTextBlock' && Array.isArray(v.inlines))
        out.push(v.inlines.map((i: { text?: string }) => i.text ?? '').join(''));
      if (typeof v.title === 'string' && typeof v.type === 'string' && v.type.startsWith('Action.'))
        out.push(v.title);
    }
    return v;
  });
  return out;
}

/**
 * The answers that are not lists, asked in Teams (authenticated, the real botbuilder client, the fake
 * connector) at a fixed clock: each card passes the official adaptivecards parser and says, line for
 * line, what the CLI says for the same question at the same moment.
 */
describe('answers beyond lists in Teams', () => {
  let sim: VeeamSimulator;
  let connector: FakeBotConnector;
  let identity: FakeBotFrameworkIdentity;
  let app: RunningApp;

  beforeAll(async () => {
    sim = await startVeeamSimulator({ now: () => T });
    connector = await startFakeBotConnector();
    identity = await startFakeBotFrameworkIdentity(APP_ID);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...authenticatedTeamsEnv(identity, APP_ID),
      VEEAM_URL: sim.url,
      VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
      VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
    });
    app = await startApp(
      { ...config, database: { kind: 'sqlite', path: ':memory:' } },
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      {
        startScheduler: false,
        startAlertPoller: false,
        teamsCredentials: identity.credentials,
        now: () => new Date(T),
      },
    );
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await identity.close();
    await sim.close();
  });

  const newestFailure = () => {
    const failed = sim
      .sessions()
      .find((s) => s.status === 'Error' && s.policy && s.policy.removedAfterMs === null);
    if (!failed) throw new Error('the simulator holds no failed policy session');
    return failed;
  };

  let askers = 0;
  async function ask(text: string): Promise<Json> {
    const before = connector.calls.length;
    const res = await postTeamsActivity(
      { appUrl: app.url, appId: APP_ID, identity, connector },
      {
        type: 'message',
        text,
        // One asker a question: the per-user limit is for people, not for a table of questions.
        from: { id: `29:u${++askers}`, aadObjectId: `aad-user-${askers}`, name: 'Alice Operator' },
        conversation: { id: 'a:1on1', conversationType: 'personal', tenantId: 't1' },
        channelData: { tenant: { id: 't1' } },
        localTimezone: ZONE,
      },
    );
    expect(res.status).toBeLessThan(300);
    // The answer comes as a card, after the "Looking …" placeholder (sent, then updated in place).
    const call = await connector.waitFor(() =>
      connector.calls
        .slice(before)
        .filter((c) => (c.activity as { attachments?: unknown[] }).attachments?.length)
        .at(-1),
    );
    return ((call.activity as { attachments: { content: Json }[] }).attachments[0]?.content ?? {}) as Json;
  }

  it.each([
    'top failing policies this week',
    'success rate this week',
    'failure rate per policy last 7 days',
    'slowest policies this week',
    'flapping policies this week',
    'this week vs last week',
    'compare yesterday with the day before',
    'unprotected VMs',
    'which VMs have no successful backup in 24h',
    'which VMs failed 2 days in a row',
    'which policies failed 3 days in a row',
    // {failed}: the policy of the newest failed session the simulator holds at the clock.
    'why did {failed} fail',
    'when did {failed} last back up successfully',
  ])('%s: the card says what the CLI says', async (asked) => {
    const question = asked.replace('{failed}', newestFailure().policy?.name ?? '');
    const card = await ask(question);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const cli = await runList(
      {
        text: question,
        timeZone: ZONE,
        locale: null,
        page: 1,
        pageSize: 10,
        now: DateTime.fromMillis(T),
        veeamUrl: null,
      },
      app.veeam,
    );
    expect(cli.exitCode).toBe(0);
    const seen = cardTexts(card).join('\n');
    // Every answer line of the CLI (after its title and "understood" lines) is on the card.
    const lines = cli.out
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '' && !l.startsWith('Note: '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [label, count] = line.split(': ');
      // Counts render as a figure and its label in two blocks.
      if (count && /^\d+( \(|$)/.test(count)) {
        expect(seen).toContain(label);
        expect(seen).toContain(count.split(' ')[0]);
      } else if (line.includes('  ')) {
        // A terminal row or log line: its columns are the card's separate texts.
        for (const column of line.trim().split(/ {2,}/)) expect(seen).toContain(column);
      } else
        expect(seen).toContain(
          line.replace(/^Errors and warnings in its log:$/, 'Errors and warnings in its log'),
        );
    }
  });
});
