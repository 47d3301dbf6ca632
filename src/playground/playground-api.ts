import { z } from 'zod';
import {
  type AnswerDeps,
  answerDetailsOfPage,
  answerDetailsToken,
  answerPageToken,
  answerQuery,
  prepareQuestion,
} from '../core/answers/answer-question';
import { isTimeZone } from '../core/time-zone';
import type { AnswerView } from '../core/view/sessions-view';
import type { DigestService } from '../digest/digest-service';
import { SLACK_ACTIONS } from '../slack/render/block-kit';
import { renderAnswerBlockKit } from '../slack/render/render-sessions-block-kit';
import {
  CARD_VERBS,
  renderAnswerAdaptiveCard,
  SESSION_INPUT_ID,
} from '../teams/render/render-sessions-adaptive-card';
import type { VeeamSimulator } from '../veeam/simulator/simulator-server';

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
  .object({ actionId: z.string().max(255), value: z.string().max(2000) })
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
  digests: DigestService;
  simulator: VeeamSimulator | null;
  command: string;
};

const asker = { platform: 'playground' };

function both(view: AnswerView): BothRenderings {
  // Slash-command answers are private to the asker in Slack, with a button to share them.
  return { slack: renderAnswerBlockKit(view, { shareable: true }), teams: renderAnswerAdaptiveCard(view) };
}

export async function ask(input: z.infer<typeof askSchema>, deps: PlaygroundDeps): Promise<BothRenderings> {
  const prepared = prepareQuestion(
    input.text,
    input.timeZone,
    deps.answers,
    deps.command,
    input.locale ?? null,
  );
  return both(
    prepared.kind === 'immediate'
      ? prepared.view
      : await answerQuery(prepared.query, 0, { ...deps.answers, asker }),
  );
}

/** A Slack button, as Bolt's listeners answer it. */
export async function slackAction(input: z.infer<typeof slackActionSchema>, deps: PlaygroundDeps) {
  const view =
    input.actionId === SLACK_ACTIONS.details
      ? await answerDetailsToken(input.value, { ...deps.answers, asker })
      : await answerPageToken(input.value, { ...deps.answers, asker });
  // An altered or old button leaves the message alone and says so, as in Slack.
  if (view.kind === 'error' && view.code === 'STALE_ACTION') return { note: view.message };
  return { slack: renderAnswerBlockKit(view, { shareable: input.actionId !== SLACK_ACTIONS.share }) };
}

/** An Action.Execute, as the Teams bot's invoke handler answers it. */
export async function teamsAction(input: z.infer<typeof teamsActionSchema>, deps: PlaygroundDeps) {
  const view =
    input.verb === CARD_VERBS.details
      ? await answerDetailsOfPage(input.data[SESSION_INPUT_ID], input.data.token, { ...deps.answers, asker })
      : await answerPageToken(input.data.token, { ...deps.answers, asker });
  if (view.kind === 'error' && (view.code === 'STALE_ACTION' || view.code === 'USAGE'))
    return { note: view.message };
  return { teams: renderAnswerAdaptiveCard(view) };
}

export async function digestPreview(
  input: z.infer<typeof digestSchema>,
  deps: PlaygroundDeps,
): Promise<BothRenderings> {
  const view = await deps.digests.handleCommand(
    { kind: 'now' },
    {
      platform: 'slack',
      channelId: 'playground',
      userId: 'playground',
      timeZone: input.timeZone,
    },
  );
  return both(view);
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
