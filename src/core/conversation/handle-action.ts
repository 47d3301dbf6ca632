import { answerDetails, answerQuery } from '../answers/answer-question';
import { isSessionId } from '../sessions/session';
import { describeLookingUp } from '../view/describe-query';
import type { AnswerView } from '../view/sessions-view';
import { answerWhy } from '../why/answer-why';
import type { Delivery, InboundAction, Reply } from './conversation';
import { type ConversationDeps, refusal } from './handle-message';

/**
 * A click, on any platform. An old or altered button gets a note and leaves its message alone; otherwise
 * Previous, Next, Back, Try again and Details replace the message; a digest's "show all" answers the
 * clicker privately, so the channel's digest stays; Share posts the page for the channel and removes the
 * private one.
 */
export function handleAction(action: InboundAction, deps: ConversationDeps): Reply {
  const refused = refusal(action.access, action.asker, deps);
  if (refused) return refused;
  const answers = { ...deps.answers, asker: action.asker };
  const { tokens } = answers;

  if (action.kind === 'alert') {
    const decoded = tokens.decodeAlert(action.token);
    if (!decoded.ok) return { kind: 'note', text: decoded.message };
    if (!deps.alerts) return { kind: 'note', text: 'Alerts are off here, so their buttons do nothing.' };
    const who = {
      userId: action.asker.userId ?? action.asker.platform,
      name: action.asker.name ?? action.asker.userId ?? 'someone',
    };
    const answer = deps.alerts.act(decoded.value, who);
    // Details are for whoever asked; the rest changes the alert for everyone in the channel.
    return decoded.value.op === 'details' || decoded.value.op === 'why'
      ? lookup(TO_ASKER, 'Looking up the session…', answer)
      : lookup(IN_PLACE, 'Updating the alert…', answer);
  }
  if (action.kind === 'why') {
    const decoded = tokens.decodeWhy(action.token);
    if (!decoded.ok) return { kind: 'note', text: decoded.message };
    const { name, timeZone } = decoded.value;
    return lookup(
      IN_PLACE,
      `Looking into why ${name} failed…`,
      answerWhy({ kind: 'why', name, as: 'policy' }, timeZone, answers),
    );
  }
  if (action.kind === 'details' && !('pickedSession' in action)) {
    const decoded = tokens.decodeDetails(action.token);
    if (!decoded.ok) return { kind: 'note', text: decoded.message };
    const { sessionId, back, timeZone } = decoded.value;
    return lookup(IN_PLACE, 'Looking up the session…', answerDetails(sessionId, back, timeZone, answers));
  }

  const decoded = tokens.decodePage(action.token);
  if (!decoded.ok) return { kind: 'note', text: decoded.message };
  const page = decoded.value;
  if (action.kind === 'details') {
    if (!isSessionId(action.pickedSession))
      return { kind: 'note', text: 'Pick a session first, then press Details.' };
    const answer = answerDetails(action.pickedSession, page, page.query.timeZone, answers);
    return lookup(IN_PLACE, 'Looking up the session…', answer);
  }
  const answer = answerQuery(page.query, page.offset, answers, page.limit);
  const pending = describeLookingUp(page.query);
  if (action.kind === 'show-all') return lookup(TO_ASKER, pending, answer);
  if (action.kind === 'share') return lookup(TO_CHANNEL, pending, answer, true);
  return lookup(IN_PLACE, pending, answer);
}

const IN_PLACE: Delivery = { how: 'replace' };
const TO_ASKER: Delivery = { how: 'post', visibleTo: 'asker' };
const TO_CHANNEL: Delivery = { how: 'post', visibleTo: 'channel' };

function lookup(
  delivery: Delivery,
  pendingText: string,
  answer: Promise<AnswerView>,
  removesOriginal = false,
): Reply {
  return { kind: 'lookup', delivery, pendingText, answer, ...(removesOriginal ? { removesOriginal } : {}) };
}
