import type { Asker } from '../answers/answer-question';
import type { DigestPlatform } from '../digest/digest-subscription';
import type { AnswerView } from '../view/sessions-view';

/**
 * The conversation in platform-neutral terms: what a message or a click comes to (inbound) and what the
 * bot answers (a Reply). Adapters convert their payloads into these and the reply into SDK calls; what to
 * answer is decided once, in handle-message.ts and handle-action.ts.
 */

/** Who may see an answer: everyone in the conversation, or only whoever asked or clicked. */
type Visibility = 'channel' | 'asker';

/** What the platform's allowlist said, and what its allowlist is made of, for the refusal. */
export type Access = { allowed: boolean; scope: string };

/** A message to the bot: a slash command, a mention, a direct message, a line typed in the playground. */
export type InboundMessage = {
  asker: Asker;
  access: Access;
  text: string;
  /** The asker's IANA zone, as the platform knows it (or the configured default). */
  timeZone: string;
  /** The asker's locale ("en-US"), when the platform says it: it decides what 03/12 means. */
  locale: string | null;
  /** The slash command the text came with ("/sessions"), for help; '' for messages. */
  command: string;
  /** Where this conversation's digest and alerts are kept and posted, or why none can be kept here. */
  digestPlace: { platform: DigestPlatform; channelId: string } | { unavailable: string };
  /** Where the answer starts, for a surface without buttons (the CLI's --page); chat pages with buttons. */
  offset?: number;
};

/** What a button asks for, whatever the platform calls it (`action_id`, `verb`). */
export type ActionKind = 'page' | 'details' | 'show-all' | 'share' | 'alert' | 'why';

/** A click on a button of an earlier answer. Buttons carry their whole state, so any replica answers. */
export type InboundAction = {
  asker: Asker;
  access: Access;
  kind: ActionKind;
  /** The signed token the button carries (for Teams' Details, the page's token). */
  token: unknown;
  /** The session picked from a list, where the platform picks with an input (Teams' Details); absent where the button names its session. */
  pickedSession?: unknown;
};

/** Posted as a new message for the channel or the asker, or in place of the message whose button was clicked (which keeps its audience). */
export type Delivery = { how: 'post'; visibleTo: Visibility } | { how: 'replace' };

export type Reply =
  /** An answer ready now: help, usage, a digest command's outcome. */
  | { kind: 'card'; delivery: Delivery; view: AnswerView }
  /**
   * A lookup under way. `pendingText` ("Looking up failed sessions today…") is what to show first when
   * the answer is slow; `removesOriginal` says the clicked message goes once the answer is posted (Share).
   */
  | {
      kind: 'lookup';
      delivery: Delivery;
      pendingText: string;
      answer: Promise<AnswerView>;
      removesOriginal?: boolean;
    }
  /** A few words to whoever asked or clicked; the message a button sits on stays as it is. */
  | { kind: 'note'; text: string };

/** The answer a card or a lookup carries, once it is there. */
export function answerOf(reply: Exclude<Reply, { kind: 'note' }>): Promise<AnswerView> {
  return reply.kind === 'card' ? Promise.resolve(reply.view) : reply.answer;
}
