import type { BotErrorCode } from '../errors';

/**
 * What an answer shows, with no markup and no platform words: both renderers (Block Kit, Adaptive Cards)
 * and the CLI turn these into their own shapes, so every platform says the same thing.
 */

export type StatusTone = 'failed' | 'warning' | 'success' | 'running' | 'canceled' | 'other';

export type SessionRow = {
  id: string;
  /** The API status value. */
  status: string;
  /** "Failed", "Running with warnings", … */
  statusLabel: string;
  tone: StatusTone;
  /** The policy, repository or restore source; the type label when the API names none. */
  name: string;
  /** The policy was deleted since. */
  nameRemoved: boolean;
  typeLabel: string;
  /** ISO instant in UTC, for renderers that can show each reader their own local time. */
  startedAt: string | null;
  /** The start in the asker's zone, for fallbacks: "Sun 29 Nov 08:00". */
  startedText: string;
  /** "42 min", "1 h 5 min", "running 12 min". */
  durationText: string;
  protectedInstances: number | null;
  /** Token of this row's details button: the session and the page to come back to. */
  detailsToken: string;
};

type PagingView = {
  offset: number;
  limit: number;
  total: number | null;
  /** "11–20 of 27"; empty when there are no rows. */
  label: string;
  previousToken: string | null;
  nextToken: string | null;
  /** Token that re-runs this very page (Retry, Refresh). */
  currentToken: string;
};

export type SessionsView = {
  kind: 'sessions';
  /** "Failed sessions · today since 00:00 Europe/Berlin" */
  title: string;
  /** How the question was understood, in words: "Status Error, RunningWithError · times in Europe/Berlin". */
  understood: string;
  /** "27 sessions" */
  countText: string;
  /**
   * What this answer could not do, said plainly: sessions the bot could not read, or an order it could
   * not tell. Null when the answer is whole.
   */
  notice: string | null;
  rows: SessionRow[];
  /** Set when there are no rows: "No failed sessions today." */
  emptyText: string | null;
  paging: PagingView;
  timeZone: string;
  veeamUrl: string | null;
};

export type DetailsView = {
  kind: 'details';
  title: string;
  row: SessionRow;
  fields: { label: string; value: string }[];
  /** The last lines of the session log, oldest first. */
  log: { timeText: string; tone: StatusTone; message: string }[];
  /** How many earlier log lines were left out. */
  logOmitted: number;
  backToken: string | null;
  /** "Why did it fail?": set for a failed session of a policy that still exists. */
  whyToken: string | null;
  timeZone: string;
  veeamUrl: string | null;
};

export type ErrorView = {
  kind: 'error';
  code: BotErrorCode;
  title: string;
  message: string;
  /** Re-runs what failed, when trying again can help. */
  retryToken: string | null;
};

export type HelpView = {
  kind: 'help';
  title: string;
  /** Plain text with `code` spans, one paragraph or bullet a line. */
  text: string;
};

/** A short confirmation or status ("Daily digest on: every day at 08:00 Europe/Berlin."). */
export type NoticeView = {
  kind: 'notice';
  title: string;
  /** Plain text with `code` spans, one paragraph or bullet a line. */
  text: string;
};

export type DigestCount = {
  label: string;
  tone: StatusTone;
  count: number;
  /** "▲ 3 more than the day before", "same as the day before"; null when there is nothing to compare. */
  changeText: string | null;
};

export type DigestGroup = {
  /** Policy or target name, from the API: renderers escape it. */
  name: string;
  tone: StatusTone;
  failed: number;
  warnings: number;
  /** ISO instant of the group's latest problem, for each reader's own time; with a fallback text. */
  lastAt: string | null;
  lastText: string;
};

/** The daily summary of one subscription's window. */
export type DigestView = {
  kind: 'digest';
  /** "Backup digest · Tue 1 Dec 08:00" */
  title: string;
  /** "Mon 30 Nov 08:00 – Tue 1 Dec 08:00 Europe/Berlin · all policies" */
  windowText: string;
  /** Set when the digest goes out after its time ("Late: the bot was not running at 08:00."). */
  lateText: string | null;
  /** Said when the problem list is built from less than all of it (unreadable items, an unknown order). */
  notice: string | null;
  /** One line for a day with no failures and no warnings; then counts still follow. */
  allGreenText: string | null;
  counts: DigestCount[];
  /** Failed and warning sessions grouped by policy, worst first, capped. */
  groups: DigestGroup[];
  /** "and 4 more policies with problems" */
  moreText: string | null;
  /** What needs a look beyond the window: "Prod VMs: 3rd day failing in a row", VMs with no backup in 24 h. */
  findings: string[];
  /** Failed sessions per day for seven days, oldest first: a text bar ("▁▃▂▇▁▁▅") and its words. */
  trendBar: string;
  trendText: string;
  /** Opens the full list of the window's failed and warning sessions with paging. */
  showAllToken: string | null;
  timeZone: string;
  veeamUrl: string | null;
};

/** What a button on an alert does. */
export const ALERT_OPS = [
  'own',
  'snooze-1h',
  'snooze-24h',
  'snooze-1w',
  'unsnooze',
  'details',
  'why',
] as const;
export type AlertOp = (typeof ALERT_OPS)[number];

/** A policy failing (or recovered) in a channel: the top-level alert message, kept up to date. */
export type AlertView = {
  kind: 'alert';
  /** "Failed: Prod VMs", "Recovered: Prod VMs" */
  title: string;
  tone: StatusTone;
  /** "Failed 3 times in a row since Thu 3 Dec 02:00." */
  headline: string;
  fields: { label: string; value: string }[];
  /** The reason line of the latest failure's log, from the API: renderers escape it. */
  reason: string | null;
  /** Who said "I'm on it"; a platform shows its own mention where it can. */
  owner: { id: string; name: string } | null;
  /** "Snoozed until Thu 3 Dec 13:00 by U1: no new alerts for this policy here." */
  snoozedText: string | null;
  buttons: { op: AlertOp; label: string; token: string }[];
  timeZone: string;
  veeamUrl: string | null;
};

/** "Why did X fail?": the latest failed session of X, what its log and its VMs say, how it stands. */
export type WhyView = {
  kind: 'why';
  /** "Why Prod VMs failed" */
  title: string;
  /** What was measured: "Policy Prod VMs · its latest failed session · history from its newest 30 sessions" */
  understood: string;
  /** What the answer could not read (per-VM results, unreadable items). */
  notice: string | null;
  /** The failed session, with its Details button. */
  row: SessionRow;
  /** "The 3rd failure in a row, failing since Tue 1 Dec 02:00." and the like. */
  history: string[];
  /** The error and warning lines of its log, oldest first; the "Processed …" lines left out. */
  log: DetailsView['log'];
  /** Its VMs that failed or warned, worst first; the rest counted in vmSummary. */
  vms: { label: string; value: string }[];
  /** "2 of 14 VMs failed, 1 warned." ; null without per-VM results. */
  vmSummary: string | null;
  /** Causes Veeam documents for what the log says, each with the page that says so; none without a match. */
  hints: { text: string; url: string; source: string }[];
  /** Opens the failed sessions of X with paging, for the clicker. */
  listToken: string;
  timeZone: string;
  veeamUrl: string | null;
};

/**
 * An answer that is a figure or a short ranking, not a list: streaks, rates, rankings, comparisons,
 * unprotected VMs. What was measured and over which window is said; the list behind it is one button away.
 */
export type ReportView = {
  kind: 'report';
  title: string;
  /** What was measured, over which window, in which zone, from which source. */
  understood: string;
  /** Said when a read stopped at its bound or part of the data could not be read. */
  notice: string | null;
  /** The figures, each with its change where there is something to compare. */
  counts: DigestCount[];
  /** One line an item: "Prod VMs: failed 4 days in a row (Sat 28 Nov to Tue 1 Dec), …" */
  lines: string[];
  /** Said in place of the lines when there are none. */
  emptyText: string | null;
  /** The one line a notification shows after the title. */
  summary: string;
  /** The sessions behind the figures, with paging. */
  list: { label: string; token: string } | null;
  timeZone: string;
  veeamUrl: string | null;
};

/** "When did X last back up successfully?": one line, the session, and what happened since. */
export type LastGoodView = {
  kind: 'last-good';
  title: string;
  /** "web-01 last succeeded Tue 1 Dec 02:42, 1 d 8 h ago (Policy Backup of Prod VMs)." */
  line: string;
  /** "Since then: failed at Wed 2 Dec 02:00 (Policy Backup)."; null when nothing came after. */
  since: string | null;
  row: SessionRow;
  /** Its sessions, newest first, with paging. */
  listToken: string;
  timeZone: string;
  veeamUrl: string | null;
};

export type AnswerView =
  | LastGoodView
  | ReportView
  | WhyView
  | SessionsView
  | DetailsView
  | ErrorView
  | HelpView
  | NoticeView
  | DigestView
  | AlertView;
