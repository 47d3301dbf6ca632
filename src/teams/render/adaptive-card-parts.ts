import type { ActionKind } from '../../core/conversation/conversation';
import type { StatusTone } from '../../core/view/sessions-view';
import { plainTextBlock, textRun, truncateText } from './card-text';

/** The small pieces every Adaptive Card answer is built of. */

export type AdaptiveCardMessage = { card: Record<string, unknown>; text: string };

/** Verbs of the Action.Execute buttons, shared with the Teams handler. */
export const CARD_VERBS = {
  page: 'sessions.page',
  details: 'sessions.details',
  retry: 'sessions.retry',
  /** From a digest: the full list as a new message, so the digest stays. */
  showAll: 'sessions.show_all',
  /** An alert's buttons: the token says which (I'm on it, Snooze, Details). */
  alert: 'alerts.act',
  /** On a failed session's details: why its policy failed. */
  why: 'sessions.why',
} as const;

/** What each verb asks the core for (src/core/conversation). */
export const CARD_VERB_KINDS: ReadonlyMap<string, ActionKind> = new Map<string, ActionKind>([
  [CARD_VERBS.page, 'page'],
  [CARD_VERBS.retry, 'page'],
  [CARD_VERBS.details, 'details'],
  [CARD_VERBS.showAll, 'show-all'],
  [CARD_VERBS.alert, 'alert'],
  [CARD_VERBS.why, 'why'],
]);

export const ICON: Record<StatusTone, string> = {
  failed: '🔴',
  warning: '🟠',
  success: '🟢',
  running: '🔵',
  canceled: '⚪',
  other: '⚫',
};
/**
 * Teams' "Warning" yellow (1.5:1 on white) and "Good" green (2.1:1) fail WCAG AA's 4.5:1 in the light
 * theme: those statuses are carried by the icon and the word alone. Red and blue pass on both themes.
 */
export const COLOR: Record<StatusTone, 'Attention' | 'Accent' | undefined> = {
  failed: 'Attention',
  warning: undefined,
  success: undefined,
  running: 'Accent',
  canceled: undefined,
  other: undefined,
};

export function card(body: unknown[], actions: unknown[]): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function execute(title: string, verb: string, token: string): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data: { token } };
}

export function title(text: string): Record<string, unknown> {
  return plainTextBlock([textRun(truncateText(text, 200), { weight: 'Bolder', size: 'Medium' })], {
    spacing: 'None',
  });
}
