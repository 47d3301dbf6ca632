import { BotError } from '../../src/core/errors';
import { buildDetailsView } from '../../src/core/view/build-details-view';
import { buildErrorView, buildHelpView } from '../../src/core/view/build-error-view';
import { buildSessionsView } from '../../src/core/view/build-sessions-view';
import type { AnswerView } from '../../src/core/view/sessions-view';
import { makeAlertView } from '../factories/alerts';
import { makeDigestView } from '../factories/digests';
import { makeLastGoodView } from '../factories/last-good';
import { makeComparisonView, makeRankingView, makeRateView, makeRpoView } from '../factories/reports';
import {
  makePage,
  makeQuery,
  makeSession,
  TEST_TOKENS,
  V2_VOCABULARY,
  VIEW_NOW,
} from '../factories/sessions';
import { makeStreaksView } from '../factories/streaks';
import { makeWhyView } from '../factories/why';

export type RenderedButton = {
  kind: 'previous' | 'next' | 'details' | 'back' | 'retry' | 'open' | 'list' | 'alert' | 'why';
  token?: string;
  url?: string;
  /** Where a platform sends the page once, with a picked session id, rather than a token per row. */
  pageToken?: string;
  sessionId?: string;
};

/** The session a Details button opens and the page its Back button returns to. */
function detailsTarget(button: RenderedButton | undefined) {
  if (button?.sessionId !== undefined && button.pageToken !== undefined) {
    const page = TEST_TOKENS.decodePage(button.pageToken);
    if (!page.ok) return null;
    return {
      sessionId: button.sessionId,
      timeZone: page.value.query.timeZone,
      backOffset: page.value.offset,
    };
  }
  const details = TEST_TOKENS.decodeDetails(button?.token);
  if (!details.ok) return null;
  return {
    sessionId: details.value.sessionId,
    timeZone: details.value.timeZone,
    backOffset: details.value.back?.offset ?? null,
  };
}

/** What the contract needs to know of a platform's rendering. */
export type RendererUnderTest<R> = {
  name: string;
  render(view: AnswerView): R;
  /** Every piece of text a reader can see (including button titles). */
  visibleText(rendered: R): string[];
  /** The buttons, by what they do, with the token or URL they carry. */
  buttons(rendered: R): { kind: RenderedButton['kind']; token?: string; url?: string }[];
  /** Platform limits and schema problems; empty when the message is valid. */
  problems(rendered: R): string[];
  /** Does any markup-interpreting text carry this string unescaped (so it could ping, link or format)? */
  leaksAsMarkup(rendered: R, hostile: string): boolean;
  /** The notification / screen-reader text. */
  fallback(rendered: R): string;
};

const ctx = { now: VIEW_NOW, veeamUrl: 'https://veeam.example.com', tokens: TEST_TOKENS };
const HOSTILE = [
  '<!channel>',
  '<https://evil.example|click here>',
  '<@U123ABC>',
  '[click](https://evil.example)',
  '**bold**',
  '<at>Everyone</at>',
  '*bold* _italic_ ~struck~',
  'see https://evil.example/login',
  // Right-to-left override: reads as "invoiceexe.pdf"; a zero-width space splits a word invisibly.
  'invoice\u202Efdp.exe',
  'zero\u200Bwidth',
  '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
];

/** What a renderer must never pass on as it came, whatever the platform makes of markup. */
export const INVISIBLE_CONTROL = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export function rendererContract<R>(r: RendererUnderTest<R>): void {
  describe(`${r.name}: the renderer contract`, () => {
    it('shows a full first page: every row, the total, Next but no Previous, and the Veeam link', () => {
      const rendered = r.render(buildSessionsView(makeQuery(), makePage(10, { total: 27 }), ctx));
      const text = r.visibleText(rendered).join('\n');
      for (let i = 1; i <= 10; i++) expect(text).toContain(`Prod VMs ${i}`);
      expect(text).toContain('1–10 of 27');
      const buttons = r.buttons(rendered);
      expect(buttons.filter((b) => b.kind === 'previous')).toHaveLength(0);
      const next = buttons.find((b) => b.kind === 'next');
      expect(TEST_TOKENS.decodePage(next?.token)).toMatchObject({
        ok: true,
        value: { offset: 10, limit: 10 },
      });
      expect(buttons.filter((b) => b.kind === 'details')).toHaveLength(10);
      expect(buttons.find((b) => b.kind === 'open')?.url).toBe('https://veeam.example.com');
      expect(r.problems(rendered)).toEqual([]);
    });

    it('offers Previous and Next in the middle, and only Previous on the last page', () => {
      const middle = r.buttons(
        r.render(buildSessionsView(makeQuery(), makePage(10, { offset: 10, total: 27 }), ctx)),
      );
      expect(TEST_TOKENS.decodePage(middle.find((b) => b.kind === 'previous')?.token)).toMatchObject({
        ok: true,
        value: { offset: 0 },
      });
      expect(TEST_TOKENS.decodePage(middle.find((b) => b.kind === 'next')?.token)).toMatchObject({
        ok: true,
        value: { offset: 20 },
      });
      const lastRendered = r.render(
        buildSessionsView(makeQuery(), makePage(7, { offset: 20, total: 27 }), ctx),
      );
      const last = r.buttons(lastRendered);
      expect(last.some((b) => b.kind === 'next')).toBe(false);
      expect(TEST_TOKENS.decodePage(last.find((b) => b.kind === 'previous')?.token)).toMatchObject({
        ok: true,
        value: { offset: 10 },
      });
      expect(r.visibleText(lastRendered).join('\n')).toContain('21–27 of 27');
    });

    it('says plainly when nothing matches, with no paging buttons', () => {
      const rendered = r.render(buildSessionsView(makeQuery(), makePage(0, { total: 0 }), ctx));
      expect(r.visibleText(rendered).join('\n')).toContain('No failed sessions today.');
      expect(r.buttons(rendered).filter((b) => b.kind !== 'open')).toEqual([]);
      expect(r.fallback(rendered)).toContain('No failed sessions today.');
      expect(r.problems(rendered)).toEqual([]);
    });

    it('explains an error in plain words, offering Try again only where it can help', () => {
      const retry = 'retry-token';
      const unreachable = r.render(buildErrorView(new BotError('VEEAM_UNREACHABLE'), retry));
      expect(r.visibleText(unreachable).join('\n')).toContain('Veeam is unreachable');
      expect(r.buttons(unreachable)).toEqual([{ kind: 'retry', token: retry }]);
      const auth = r.render(buildErrorView(new BotError('VEEAM_AUTH'), retry));
      expect(r.visibleText(auth).join('\n')).toContain('VEEAM_USERNAME');
      expect(r.buttons(auth)).toEqual([]);
      expect(r.problems(auth)).toEqual([]);
    });

    it.each(HOSTILE)('shows API text %s literally: it pings, links and formats nothing', (hostile) => {
      const page = makePage(3, { total: 3 }, { targetName: hostile, typeLabel: hostile });
      const views: AnswerView[] = [
        buildSessionsView(makeQuery({ policy: hostile }), page, ctx),
        buildDetailsView(
          makeSession({ targetName: hostile }),
          [{ time: '2026-11-29T08:01:00Z', status: 'Error', message: `failed: ${hostile}` }],
          {
            ...ctx,
            timeZone: 'Europe/Berlin',
            back: null,
          },
        ),
        buildErrorView(new BotError('NOT_FOUND', `I found no policy named "${hostile}".`)),
      ];
      for (const view of views) {
        const rendered = r.render(view);
        expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
        expect(r.problems(rendered)).toEqual([]);
      }
    });

    it('stays inside the platform limits for the worst page: 25 rows of the longest names', () => {
      const longName = '&<>'.repeat(43).slice(0, 128);
      const query = makeQuery({
        policy: 'p'.repeat(128),
        vm: 'v'.repeat(128),
        name: 'n'.repeat(128),
        types: ['PolicyBackup', 'PolicySnapshot', 'ManualSnapshot'],
      });
      const page = makePage(
        25,
        { offset: 25, limit: 25, total: 100_000 },
        { targetName: longName, typeLabel: 'T'.repeat(200), targetRemoved: true },
      );
      const rendered = r.render(buildSessionsView(query, page, ctx));
      expect(r.problems(rendered)).toEqual([]);
      expect(r.buttons(rendered).filter((b) => b.kind === 'details')).toHaveLength(25);
    });

    it('shows a session in detail, with its log and a way back to the list', () => {
      const back = { query: makeQuery(), offset: 10, limit: 10 };
      const log = Array.from({ length: 30 }, (_, i) => ({
        time: `2026-11-29T08:${String(i).padStart(2, '0')}:00Z`,
        status: i === 29 ? 'Error' : 'Success',
        message: `step ${i}`,
      }));
      const view = buildDetailsView(makeSession(), log, {
        ...ctx,
        timeZone: 'Europe/Berlin',
        back,
      });
      const rendered = r.render(view);
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Prod VMs 1');
      expect(text).toContain('step 29');
      expect(text).not.toContain('step 17');
      expect(text).toContain('00000000-0000-4000-8000-000000000000');
      expect(TEST_TOKENS.decodePage(r.buttons(rendered).find((b) => b.kind === 'back')?.token)).toMatchObject(
        {
          ok: true,
          value: { offset: 10 },
        },
      );
      expect(r.problems(rendered)).toEqual([]);
    });

    it('offers "Why did it fail?" on the details of a failed session of a policy, not of a good one', () => {
      const details = (status: string, over = {}) =>
        buildDetailsView(makeSession({ status, targetName: 'Prod VMs', ...over }), [], {
          ...ctx,
          timeZone: 'Asia/Tokyo',
          back: null,
        });
      const why = r.buttons(r.render(details('Error'))).find((b) => b.kind === 'why');
      expect(TEST_TOKENS.decodeWhy(why?.token)).toEqual({
        ok: true,
        value: { name: 'Prod VMs', timeZone: 'Asia/Tokyo' },
      });
      expect(r.visibleText(r.render(details('Error'))).join('\n')).toContain('Why did it fail?');
      expect(r.buttons(r.render(details('Success'))).some((b) => b.kind === 'why')).toBe(false);
      expect(
        r.buttons(r.render(details('Error', { targetRemoved: true }))).some((b) => b.kind === 'why'),
      ).toBe(false);
    });

    it('carries the session and the page in each Details button', () => {
      const rendered = r.render(buildSessionsView(makeQuery(), makePage(2, { offset: 10, total: 12 }), ctx));
      const details = r.buttons(rendered).filter((b) => b.kind === 'details');
      expect(details).toHaveLength(2);
      expect(detailsTarget(details[1])).toEqual({
        sessionId: '00000000-0000-4000-8000-000000000011',
        timeZone: 'Europe/Berlin',
        backOffset: 10,
      });
    });

    it('sums up a day in a digest: counts with the change, problems by policy, the trend, the full list', () => {
      const rendered = r.render(makeDigestView());
      const text = r.visibleText(rendered).join('\n');
      for (const expected of [
        'Backup digest',
        '7',
        'Failed',
        'Succeeded',
        'Prod VMs 1',
        '▲',
        'last 7 days',
      ]) {
        expect(text).toContain(expected);
      }
      const list = r.buttons(rendered).find((b) => b.kind === 'list');
      const decoded = TEST_TOKENS.decodePage(list?.token);
      expect(decoded.ok && decoded.value.query.statuses).toEqual(['Error', 'Warning']);
      expect(r.buttons(rendered).some((b) => b.kind === 'open')).toBe(true);
      expect(r.problems(rendered)).toEqual([]);
      expect(r.fallback(rendered)).toContain('7 failed');
    });

    it('says an all-green day in one line, and a late digest that it is late', () => {
      const green = r.render(makeDigestView({ failed: 0, warning: 0, success: 412, late: true }));
      const text = r.visibleText(green).join('\n');
      expect(text).toContain('All green: 412 sessions succeeded');
      expect(text).toContain('Posted late');
      expect(r.buttons(green).some((b) => b.kind === 'list')).toBe(false);
      expect(r.problems(green)).toEqual([]);
    });

    it.each(HOSTILE)('shows a hostile policy name %s literally in a digest', (hostile) => {
      const rendered = r.render(makeDigestView({ name: hostile }));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('stays inside the platform limits for the largest digest', () => {
      const rendered = r.render(
        makeDigestView({ groups: 100, name: '&<>'.repeat(43).slice(0, 128), failed: 100_000 }),
      );
      expect(r.problems(rendered)).toEqual([]);
    });

    it('says what an alert is about: the policy, since when, the reason, and buttons naming the incident', () => {
      const rendered = r.render(makeAlertView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Failed: Prod VMs');
      expect(text).toContain('2 times in a row');
      expect(text).toContain('the VM agent is not responding');
      expect(text).toMatch(/I'm on it[\s\S]*Snooze 1 h/);
      const ops = r
        .buttons(rendered)
        .filter((b) => b.kind === 'alert')
        .map((b) => TEST_TOKENS.decodeAlert(b.token))
        .map((d) => (d.ok ? d.value.op : d.problem));
      expect(ops).toEqual(['own', 'snooze-1h', 'snooze-24h', 'snooze-1w', 'details', 'why']);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('shows who is on an alert and until when it is snoozed, with Unsnooze in place of the snoozes', () => {
      const rendered = r.render(
        makeAlertView(
          { owner: { id: 'U0ALICE', name: 'Alice' } },
          { untilMs: VIEW_NOW.getTime() + 3_600_000, by: 'Bob' },
        ),
      );
      const text = r.visibleText(rendered).join('\n');
      expect(text).toMatch(/(<@U0ALICE>|Alice) is on it/);
      expect(text).toContain('Snoozed until Sun 29 Nov 12:00 by Bob');
      expect(text).toContain('Unsnooze');
      expect(text).not.toContain("I'm on it");
    });

    it.each(HOSTILE)('shows a hostile policy name and reason %s literally in an alert', (hostile) => {
      const rendered = r.render(makeAlertView({ subjectName: hostile, lastReason: `failed: ${hostile}` }));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('explains a failure: the session, its streak, its log without the noise, its VMs, the list behind it', () => {
      const rendered = r.render(makeWhyView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Why Prod VMs failed');
      expect(text).toContain('The 3rd failure in a row, failing since Fri 27 Nov 03:00.');
      expect(text).toContain('the VM agent is not responding');
      expect(text).not.toContain('Processed web-01');
      expect(text).toContain('1 of 14 VMs failed, 1 warned.');
      expect(text).toContain('sql-03');
      const list = r.buttons(rendered).find((b) => b.kind === 'list');
      expect(TEST_TOKENS.decodePage(list?.token)).toMatchObject({ ok: true, value: { offset: 0 } });
      expect(r.problems(rendered)).toEqual([]);
    });

    it('adds the cause Veeam documents for a log line that matches one, with its page one button away', () => {
      const rendered = r.render(
        makeWhyView({ reason: 'Failed to create snapshot: the operation failed with a serialization error' }),
      );
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Known cause (Veeam documentation): Veeam creates a snapshot only while');
      const links = r
        .buttons(rendered)
        .filter((b) => b.kind === 'open')
        .map((b) => b.url);
      expect(links).toContain('https://helpcenter.veeam.com/docs/vbazure/guide/how_vm_backup_works.html');
      expect(links).toContain('https://veeam.example.com');
      expect(r.problems(rendered)).toEqual([]);
      expect(r.visibleText(r.render(makeWhyView())).join('\n')).not.toContain('Known cause');
    });

    it.each(HOSTILE)(
      'shows a hostile name and log line %s literally when explaining a failure',
      (hostile) => {
        const rendered = r.render(makeWhyView({ name: hostile, reason: `failed: ${hostile}` }));
        expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
        expect(r.problems(rendered)).toEqual([]);
      },
    );

    it('lists policies failing days in a row, one line each, with the failed sessions behind them', () => {
      const rendered = r.render(makeStreaksView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain(
        'Prod VMs: failed at least 7 days in a row (Mon 23 Nov to Sun 29 Nov), 9 failed sessions, the latest Sun 29 Nov 03:00.',
      );
      expect(text).toContain('per calendar day in Europe/Berlin');
      expect(r.buttons(rendered).some((b) => b.kind === 'list')).toBe(true);
      expect(r.visibleText(r.render(makeStreaksView({ none: true }))).join('\n')).toContain(
        'No policy failed on each of 3 days in a row',
      );
      expect(r.problems(rendered)).toEqual([]);
    });

    it.each(HOSTILE)('shows a hostile policy name %s literally in a streak', (hostile) => {
      const rendered = r.render(makeStreaksView({ name: hostile }));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('shows a rate with its counts and what was not counted, the sessions behind it', () => {
      const rendered = r.render(makeRateView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Success rate · this week');
      expect(text).toContain('742');
      expect(text).toContain('90.6% of 819 finished sessions succeeded without a warning');
      expect(text).toContain('Not counted: 3 still running.');
      expect(r.buttons(rendered).some((b) => b.kind === 'list')).toBe(true);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('compares two periods: counts with their changes, what got worse, the failed sessions behind it', () => {
      const rendered = r.render(makeComparisonView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('▲ 6 more than last week');
      expect(text).toContain('Prod VMs: 5 failed, 1 last week.');
      expect(text).toContain('The periods differ in length');
      expect(r.buttons(rendered).some((b) => b.kind === 'list')).toBe(true);
      expect(r.problems(rendered)).toEqual([]);
    });

    it.each(HOSTILE)('shows a hostile policy name %s literally in a comparison', (hostile) => {
      const rendered = r.render(makeComparisonView(hostile));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
    });

    it.each(HOSTILE)('shows a hostile VM name %s literally among VMs with no recent backup', (hostile) => {
      const rendered = r.render(makeRpoView(hostile));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('adds to the digest the policies failing days in a row and the VMs with no backup in 24 hours', () => {
      const rendered = r.render(makeDigestView({ findings: true }));
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain('Prod VMs: 4th day failing in a row (since Sat 28 Nov).');
      expect(text).toContain('1 VM with no backup in 24 hours: db-07.');
      expect(r.problems(rendered)).toEqual([]);
    });

    it.each(HOSTILE)('shows a hostile name %s literally in the digest findings', (hostile) => {
      const rendered = r.render(makeDigestView({ findings: true, name: hostile }));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
    });

    it.each(HOSTILE)('shows a hostile policy name %s literally in a ranking', (hostile) => {
      const rendered = r.render(makeRankingView(hostile));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('says when a VM last succeeded and what came since, with its sessions behind it', () => {
      const rendered = r.render(makeLastGoodView());
      const text = r.visibleText(rendered).join('\n');
      expect(text).toContain(
        'web-01 last succeeded Sun 29 Nov 02:42, 8 h 18 min ago (Policy Backup of Prod VMs).',
      );
      expect(text).toContain('Since then: failed at Sun 29 Nov 08:00 (Policy Snapshot).');
      expect(r.buttons(rendered).some((b) => b.kind === 'list')).toBe(true);
      expect(r.problems(rendered)).toEqual([]);
    });

    it.each(HOSTILE)('shows a hostile VM name %s literally in a last success', (hostile) => {
      const rendered = r.render(makeLastGoodView(hostile));
      expect(r.leaksAsMarkup(rendered, hostile)).toBe(false);
      expect(r.problems(rendered)).toEqual([]);
    });

    it('renders help from the parser vocabulary', () => {
      const rendered = r.render(buildHelpView(V2_VOCABULARY, '/sessions'));
      expect(r.visibleText(rendered).join('\n')).toContain('/sessions failed today');
      expect(r.visibleText(rendered).join('\n')).toContain('/sessions digest daily 08:00');
      expect(r.problems(rendered)).toEqual([]);
    });
  });
}
