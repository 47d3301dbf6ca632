import { z } from 'zod';
import type { AnswerDeps } from '../core/answers/answer-question';
import { type ActionKind, answerOf, type InboundAction, type Reply } from '../core/conversation/conversation';
import { handleAction } from '../core/conversation/handle-action';
import { type AlertCommands, type DigestCommands, handleMessage } from '../core/conversation/handle-message';
import { isTimeZone } from '../core/time-zone';
import type { AnswerView } from '../core/view/sessions-view';
import { SLACK_ACTION_KINDS, SLACK_ACTIONS } from '../slack/render/block-kit';
import { renderAnswerBlockKit } from '../slack/render/render-sessions-block-kit';
import { CARD_VERB_KINDS } from '../teams/render/adaptive-card-parts';
import { renderAnswerAdaptiveCard, SESSION_INPUT_ID } from '../teams/render/render-sessions-adaptive-card';
import type { VeeamSimulator } from '../veeam/simulator/simulator-server';
import type { PlaygroundInbox } from './playground-inbox';

/**
 * The playground is one more adapter: it takes what a browser sends, runs the same core answers the Slack
 * and Teams adapters run, and returns both platforms' renderings, so what you see is what they would get.
 */

const zone = z.string().max(64).refine(isTimeZone, 'an IANA time zone');
export const askSchema = z
  .object({
    text: z.string().max(1000),
    timeZone: zone,
    // The browser's language (navigator.language): how 03/12 is read, as Teams and Slack give it.
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/)
      .optional(),
  })
  .strict();
export const slackActionSchema = z
  .object({
    actionId: z.string().max(255),
    value: z.string().max(2000),
    /** A button on a post of the playground's channel: a reply in place changes that post, as in Slack. */
    postId: z.string().max(64).optional(),
  })
  .strict();
export const teamsActionSchema = z
  .object({ verb: z.string().max(100), data: z.record(z.string(), z.unknown()) })
  .strict();
export const digestSchema = z.object({ timeZone: zone }).strict();
export const faultsSchema = z.object({ veeam: z.enum(['normal', 'slow', 'failing']) }).strict();

export type BothRenderings = {
  slack: ReturnType<typeof renderAnswerBlockKit>;
  teams: ReturnType<typeof renderAnswerAdaptiveCard>;
};

export type PlaygroundDeps = {
  answers: AnswerDeps;
  digests: DigestCommands;
  alerts: AlertCommands;
  /** Scheduled digests and alerts for the playground's conversation, once posted. */
  inbox: PlaygroundInbox;
  simulator: VeeamSimulator | null;
  command: string;
};

/**
 * The playground is one conversation with one person in it, so no per-user or per-channel limit applies
 * (the limits key on those ids); its own request bound is in playground-access.ts.
 */
const asker = { platform: 'playground', name: 'You (playground)' };
const access = { allowed: true, scope: 'browser' };
const PLACE = { platform: 'playground', channelId: 'playground' } as const;

/** A reply as the page shows it: both renderings, or a note beside the message that stays. */
async function shown(reply: Reply): Promise<BothRenderings | { note: string }> {
  if (reply.kind === 'note') return { note: reply.text };
  return both(await answerOf(reply));
}

function both(view: AnswerView): BothRenderings {
  // Slash-command answers are private to the asker in Slack, with a button to share them.
  return { slack: renderAnswerBlockKit(view, { shareable: true }), teams: renderAnswerAdaptiveCard(view) };
}

/** A line typed in the playground: the same conversation a Slack or Teams message has. */
export async function ask(input: z.infer<typeof askSchema>, deps: PlaygroundDeps) {
  const reply = await handleMessage(
    {
      asker,
      access,
      text: input.text,
      timeZone: input.timeZone,
      locale: input.locale ?? null,
      command: deps.command,
      digestPlace: PLACE,
    },
    { answers: deps.answers, digests: deps.digests, alerts: deps.alerts },
  );
  return shown(reply);
}

function click(
  kind: ActionKind | undefined,
  rest: Omit<InboundAction, 'asker' | 'access' | 'kind'>,
  deps: PlaygroundDeps,
): Reply {
  if (!kind) return { kind: 'note', text: 'That button does nothing here.' };
  return handleAction(
    { asker, access, kind, ...rest },
    { answers: deps.answers, digests: deps.digests, alerts: deps.alerts },
  );
}

/** A Slack button, as Bolt's listeners answer it. */
export async function slackAction(input: z.infer<typeof slackActionSchema>, deps: PlaygroundDeps) {
  const reply = click(SLACK_ACTION_KINDS.get(input.actionId), { token: input.value }, deps);
  if (reply.kind === 'note') return { note: reply.text };
  const view = await answerOf(reply);
  if (input.postId && reply.delivery.how === 'replace') deps.inbox.update(input.postId, view);
  return { slack: renderAnswerBlockKit(view, { shareable: input.actionId !== SLACK_ACTIONS.share }) };
}

/** An Action.Execute, as the Teams bot's invoke handler answers it. */
export async function teamsAction(input: z.infer<typeof teamsActionSchema>, deps: PlaygroundDeps) {
  const kind = CARD_VERB_KINDS.get(input.verb);
  const picked = kind === 'details' ? { pickedSession: input.data[SESSION_INPUT_ID] } : {};
  const reply = click(kind, { token: input.data.token, ...picked }, deps);
  if (reply.kind === 'note') return { note: reply.text };
  return { teams: renderAnswerAdaptiveCard(await answerOf(reply)) };
}

/** The Digest preview button: `digest now`, said in the playground's conversation. */
export function digestPreview(input: z.infer<typeof digestSchema>, deps: PlaygroundDeps) {
  return ask({ text: 'digest now', timeZone: input.timeZone }, deps);
}

/** What digests and alerts posted to the playground's channel, newest first, as both platforms draw them. */
export function postedDigests(deps: PlaygroundDeps) {
  return deps.inbox.list().map((p) => ({ id: p.id, at: p.at, replyTo: p.replyTo, ...both(p.view) }));
}

export const failNowSchema = z.object({ policy: z.string().min(1).max(200).optional() }).strict();

/** The "Make a policy fail now" button: a failed backup of a policy, ending now. Simulator only. */
export function failNow(input: z.infer<typeof failNowSchema>, deps: PlaygroundDeps) {
  const sim = deps.simulator;
  if (!sim) return { error: 'Only the simulator can be made to fail.' };
  const policies = sim.world.policies.filter((p) => p.removedAfterMs === null);
  const policy = input.policy ?? policies[Math.floor(Math.random() * policies.length)]?.name ?? '';
  try {
    const added = sim.addSession({ policy, status: 'Error', durationSeconds: 0 });
    return { policy, id: added.id };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function simulatorState(deps: PlaygroundDeps) {
  const sim = deps.simulator;
  if (!sim) return { mode: 'appliance' as const };
  const veeam = sim.faults.latencyMs >= 3000 ? 'slow' : sim.faults.failNext.count > 0 ? 'failing' : 'normal';
  return { mode: 'simulator' as const, veeam, ...sim.state() };
}

/** The switches of the playground: a slow or a failing Veeam API, and back. Simulator only. */
export function setFaults(input: z.infer<typeof faultsSchema>, deps: PlaygroundDeps): boolean {
  const sim = deps.simulator;
  if (!sim) return false;
  sim.faults.latencyMs = input.veeam === 'slow' ? 4000 : 0;
  sim.faults.failNext = { count: input.veeam === 'failing' ? 1_000_000 : 0, status: 503 };
  return true;
}
