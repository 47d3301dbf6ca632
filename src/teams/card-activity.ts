import { type Activity, ActivityTypes, CardFactory } from 'botbuilder';
import type { AnswerView } from '../core/view/sessions-view';
import { renderAnswerAdaptiveCard } from './render/render-sessions-adaptive-card';

/** An answer as a Teams message: the Adaptive Card, and its fallback as the notification summary. */
export function toCardActivity(view: AnswerView): Partial<Activity> {
  const { card, text } = renderAnswerAdaptiveCard(view);
  return { type: ActivityTypes.Message, summary: text, attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * A plain "Looking up failed sessions today…" while Veeam is slow. With `again`, a button that repeats the
 * click: the placeholder is then never a dead end, even when the answer never comes.
 */
export function placeholderActivity(
  text: string,
  again?: { title: string; verb: string; data: Record<string, unknown> },
): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    summary: text,
    attachments: [
      CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: '⏳', spacing: 'None' },
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text }] },
        ],
        ...(again
          ? { actions: [{ type: 'Action.Execute', title: again.title, verb: again.verb, data: again.data }] }
          : {}),
      }),
    ],
  };
}
