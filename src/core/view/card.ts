import type { AlertOp, DetailsView, DigestCount, DigestGroup, SessionRow } from './sessions-view';

/**
 * The neutral card tree: the few elements the answers are made of, built once per answer kind
 * (build-card.ts) and lowered by each renderer (Block Kit, Adaptive Cards) over this small set. A renderer
 * owns only what is truly its platform's: row buttons or a picker, date tokens, colours, where the
 * buttons go.
 */
export type CardElement =
  /** The answer's heading. */
  | { type: 'title'; text: string }
  /** How the question was understood: a small line under the title. */
  | { type: 'understood'; text: string }
  /** The window a digest covers: a small line right under its title. */
  | { type: 'window'; text: string }
  /** What the answer could not do (part of the data, an order it could not tell). */
  | { type: 'notice'; text: string }
  /** A digest posted after its time. */
  | { type: 'late'; text: string }
  /** A day with no failures and no warnings. */
  | { type: 'all-green'; text: string }
  /** A sentence standing alone ("No failed sessions today."). */
  | { type: 'paragraph'; text: string }
  /** Help or a notice: lines of plain text with `code` spans. */
  | { type: 'prose'; text: string }
  /** Something went wrong: what, and what to do. */
  | { type: 'alert'; title: string; message: string }
  /** Session rows, each with its details token; the page's token for a platform that picks instead. */
  | { type: 'rows'; rows: SessionRow[]; pageToken: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'log'; heading: string; lines: DetailsView['log'] }
  | { type: 'counts'; counts: DigestCount[] }
  | { type: 'groups'; heading: string; groups: DigestGroup[]; more: string | null }
  | { type: 'trend'; bar: string; text: string }
  /** The foot of a list: "1–10 of 27", in which zone its times are. */
  | { type: 'page-line'; text: string; timeZone: string }
  /** Who is on an alert: a platform mentions them where it can, else shows the name. */
  | { type: 'owner'; userId: string; name: string }
  /** The foot of a details card: in which zone its times are. */
  | { type: 'times-in'; timeZone: string };

export type CardAction =
  | { kind: 'previous' | 'next' | 'back' | 'retry' | 'show-all' | 'why'; label: string; token: string }
  | { kind: 'open-url'; label: string; url: string }
  /** A page of Veeam's documentation a hint cites. */
  | { kind: 'open-doc'; label: string; url: string }
  /** A button of an alert: its op picks the platform's action id; the token names the incident. */
  | { kind: 'alert'; op: AlertOp; label: string; token: string };

export type Card = {
  /** The one line a notification or a client without cards shows. */
  fallback: string;
  elements: CardElement[];
  actions: CardAction[];
  /** The token that re-runs this very page, for a platform that offers to share a private answer. */
  shareToken: string | null;
};
