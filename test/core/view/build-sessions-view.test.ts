import { buildDetailsView } from '../../../src/core/view/build-details-view';
import { buildSessionsView } from '../../../src/core/view/build-sessions-view';
import { formatDuration } from '../../../src/core/view/human-time';
import { makePage, makeQuery, makeSession, TEST_TOKENS, VIEW_NOW } from '../../factories/sessions';

const ctx = { now: VIEW_NOW, veeamUrl: null, tokens: TEST_TOKENS };

describe('the view of a page of sessions', () => {
  it("echoes how the question was understood, in words and in the asker's zone", () => {
    const view = buildSessionsView(makeQuery(), makePage(3, { total: 27 }), ctx);
    expect(view.title).toBe('Failed sessions · today since 00:00 Europe/Berlin');
    expect(view.understood).toBe(
      'Status Error or RunningWithError · since Sun 29 Nov 2026 00:00 · times in Europe/Berlin',
    );
    expect(view.countText).toBe('27 sessions');
    expect(view.paging.label).toBe('1–3 of 27');
  });

  it.each([
    [
      {
        statuses: [],
        types: ['ManualSnapshot', 'PolicySnapshot'],
        timeLabel: 'last 6 hours',
        fromUtc: '2026-11-29T04:00:00Z',
      },
      'Snapshot sessions · last 6 hours Europe/Berlin',
      'No snapshot sessions in the last 6 hours.',
    ],
    [
      {
        statuses: ['Warning', 'RunningWithWarning'],
        timeLabel: 'yesterday',
        fromUtc: '2026-11-27T23:00:00Z',
        toUtc: '2026-11-28T23:00:00Z',
      },
      'Warning sessions · yesterday Europe/Berlin',
      'No warning sessions yesterday.',
    ],
    [
      {
        statuses: ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling'],
        timeLabel: null,
        fromUtc: null,
      },
      'Running sessions',
      "No running sessions. Older sessions may have been removed by the appliance's session retention.",
    ],
    [
      {
        policy: 'Prod VMs',
        timeLabel: 'Mon 23 Nov 2026',
        fromUtc: '2026-11-22T23:00:00Z',
        toUtc: '2026-11-23T23:00:00Z',
      },
      'Failed sessions of Prod VMs · Mon 23 Nov 2026 Europe/Berlin',
      'No failed sessions of Prod VMs on Mon 23 Nov 2026.',
    ],
    [
      {
        statuses: [],
        types: ['PolicyBackup'],
        vm: 'web-01',
        timeLabel: 'this month',
        fromUtc: '2026-10-31T23:00:00Z',
      },
      'Policy backup sessions for web-01 · this month Europe/Berlin',
      "No policy backup sessions for web-01 this month. Older sessions may have been removed by the appliance's session retention.",
    ],
  ] as const)('titles %j and says so when empty', (overrides, title, empty) => {
    const view = buildSessionsView(makeQuery(overrides as never), makePage(0, { total: 0 }), ctx);
    expect(view.title).toBe(title);
    expect(view.emptyText).toBe(empty);
    expect(view.paging).toMatchObject({ label: '', previousToken: null, nextToken: null });
  });

  it("uses the API's spelling of a resolved name", () => {
    const view = buildSessionsView(makeQuery({ name: 'prod vms' }), makePage(1), {
      ...ctx,
      names: { policy: 'Prod VMs', vm: null },
    });
    expect(view.title).toMatch(/^Failed sessions of Prod VMs/);
  });

  it('shows rows with labels, local start times and human durations', () => {
    const running = makeSession({
      status: 'RunningWithWarning',
      stopTime: null,
      durationMs: null,
      startTime: '2026-11-29T09:48:00Z',
    });
    const removed = makeSession(
      {
        status: 'Success',
        targetName: null,
        summary: '4 restore points deleted',
        typeLabel: 'Backup Retention',
        targetRemoved: true,
        durationMs: 95_000,
      },
      1,
    );
    const view = buildSessionsView(
      makeQuery(),
      { sessions: [running, removed], offset: 0, limit: 10, total: 2, unreadable: 0, sortedOf: null },
      ctx,
    );
    expect(view.rows[0]).toMatchObject({
      statusLabel: 'Running with warnings',
      tone: 'warning',
      durationText: 'running 12 min',
      startedText: 'Sun 29 Nov 10:48',
    });
    expect(view.rows[1]).toMatchObject({
      statusLabel: 'Succeeded',
      tone: 'success',
      // Retention names no policy: its info block's count stands where a name would.
      name: '4 restore points deleted',
      nameRemoved: true,
      durationText: '2 min',
    });
  });

  it('keeps paging going when the API gives no total, until a short page', () => {
    const full = buildSessionsView(makeQuery(), makePage(10, { total: null }), ctx);
    expect(full.paging.label).toBe('1–10');
    expect(full.countText).toBe('10 sessions shown');
    expect(full.paging.nextToken).not.toBeNull();
    const short = buildSessionsView(makeQuery(), makePage(4, { offset: 10, total: null }), ctx);
    expect(short.paging.nextToken).toBeNull();
  });

  it('says a page past the end is past the end, and offers the way back to the last page', () => {
    const view = buildSessionsView(makeQuery(), makePage(0, { offset: 980, total: 43 }), ctx);
    expect(view.emptyText).toBe('This page is past the end: there are 43 sessions in all.');
    expect(TEST_TOKENS.decodePage(view.paging.previousToken)).toMatchObject({
      ok: true,
      value: { offset: 40 },
    });
  });

  it('keeps unknown statuses from a newer appliance, labelled in words', () => {
    const view = buildSessionsView(makeQuery(), makePage(1, {}, { status: 'PartiallySucceeded' }), ctx);
    expect(view.rows[0]).toMatchObject({ statusLabel: 'Partially Succeeded', tone: 'other' });
  });
});

describe('the details of a session', () => {
  it('lists its fields and the end of its log', () => {
    const log = Array.from({ length: 20 }, (_, i) => ({
      time: '2026-11-29T08:00:00Z',
      status: 'Success',
      message: `line ${i}`,
    }));
    const view = buildDetailsView(makeSession(), log, {
      now: VIEW_NOW,
      timeZone: 'UTC',
      back: null,
      veeamUrl: null,
      tokens: TEST_TOKENS,
    });
    expect(view.fields.map((f) => f.label)).toEqual([
      'Status',
      'Type',
      'Policy / target',
      'Started',
      'Finished',
      'Duration',
      'Protected instances',
      'Session ID',
    ]);
    expect(view.log.map((l) => l.message)).toEqual(log.slice(-12).map((l) => l.message));
    expect(view.logOmitted).toBe(8);
    expect(view.backToken).toBeNull();
  });
});

describe('durations in words', () => {
  it.each([
    [0, '0 s'],
    [35_000, '35 s'],
    [42 * 60_000, '42 min'],
    [60 * 60_000, '1 h'],
    [65 * 60_000, '1 h 5 min'],
    [27 * 3_600_000, '1 d 3 h'],
    [48 * 3_600_000, '2 d'],
  ])('%d ms is "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
