import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type CloudAdapter,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../config/config';
import type { AnswerDeps, Asker } from '../core/answers/answer-question';
import { deliverWithPlaceholder, withinBudget } from '../core/answers/deliver-with-placeholder';
import { type Access, answerOf } from '../core/conversation/conversation';
import { handleAction } from '../core/conversation/handle-action';
import {
  type AlertCommands,
  type ConversationDeps,
  handleMessage,
} from '../core/conversation/handle-message';
import type { Logger } from '../core/ports';
import { isTimeZone } from '../core/time-zone';
import { buildHelpView } from '../core/view/build-error-view';
import type { AnswerView } from '../core/view/sessions-view';
import type { DigestService } from '../digest/digest-service';
import { placeholderActivity, toCardActivity } from './card-activity';
import { type ConversationReferences, toProactiveReference } from './conversation-references';
import { CARD_VERB_KINDS, CARD_VERBS } from './render/adaptive-card-parts';
import { renderAnswerAdaptiveCard, SESSION_INPUT_ID } from './render/render-sessions-adaptive-card';

export type SessionsBotDeps = {
  config: TeamsConfig;
  answers: AnswerDeps;
  logger: Logger;
  defaultTimeZone: string;
  references: ConversationReferences;
  /** Digest subscriptions; null when the bot runs without its database. */
  digests: DigestService | null;
  /** Failure alerts; null in open mode, which keeps no conversation to post them to. */
  alerts: AlertCommands | null;
  adapter: CloudAdapter;
  /** A message answer slower than this shows "Looking up…" first. */
  placeholderAfterMs: number;
  /** An Action.Execute answer slower than this returns "Looking up…" and updates the card later. */
  invokeBudgetMs: number;
};

/** Open mode keeps no conversation to post to later, so it takes no digest or alert subscriptions. */
const DIGESTS_OFF =
  'Digests and alerts are off here: the bot runs with TEAMS_ALLOW_UNAUTHENTICATED, which keeps no conversation to post to. Register the bot (MICROSOFT_APP_ID) to get them.';

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/**
 * The Teams bot: questions in personal chat, group chat and channels (mention removed), answered with
 * Adaptive Cards; Action.Execute buttons answered in the invoke response, so the card changes in place.
 */
export class SessionsBot extends TeamsActivityHandler {
  constructor(private readonly deps: SessionsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.deps.references.save(
        toProactiveReference(TurnContext.getConversationReference(context.activity)),
      );
      if (context.activity.conversation?.conversationType === 'personal') {
        await context.sendActivity(toCardActivity(buildHelpView(this.deps.answers.source.vocabulary, '')));
      }
      await next();
    });
    // Uninstalled, or the bot removed from a team or chat: nothing may be posted there any more.
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context, 'the app was uninstalled');
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const me = context.activity.recipient?.id;
      if (context.activity.membersRemoved?.some((m) => m.id === me))
        await this.forget(context, 'the bot was removed from the conversation');
      await next();
    });
  }

  /** Ends what the bot keeps for a conversation it has left. */
  async forget(context: TurnContext, reason: string): Promise<void> {
    const conversationId =
      toProactiveReference(TurnContext.getConversationReference(context.activity)).conversation?.id ?? '';
    if (!conversationId) return;
    await this.deps.references.remove(conversationId);
    await this.deps.digests?.endForConversation('teams', conversationId, reason);
  }

  /** TEAMS_ALLOWED_*: an empty list allows everyone; a set list must contain the id. */
  private accessOf(activity: Activity): Access {
    const { tenants, teams, users } = this.deps.config.allowed;
    const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
    const tenant = activity.conversation?.tenantId ?? channelData.tenant?.id;
    const ok = (list: string[], id: string | undefined) =>
      list.length === 0 || (id !== undefined && list.includes(id));
    return {
      allowed:
        ok(tenants, tenant) && ok(teams, channelData.team?.id) && ok(users, activity.from?.aadObjectId),
      scope: 'tenant, team or user',
    };
  }

  private conversationDeps(): ConversationDeps {
    return { answers: this.deps.answers, digests: this.deps.digests, alerts: this.deps.alerts };
  }

  /** Who asked, for the audit line and the allowlist's log. */
  private askerOf(activity: Activity): Asker {
    const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
    return {
      platform: 'teams',
      teamId: channelData.team?.id ?? activity.conversation?.tenantId ?? channelData.tenant?.id,
      channelId: activity.conversation?.id,
      userId: activity.from?.aadObjectId ?? activity.from?.id,
      // Shown on an alert someone took ("Alice is on it"): Teams cards mention nobody from a TextRun.
      name: typeof activity.from?.name === 'string' ? activity.from.name.slice(0, 100) : undefined,
    };
  }

  /** The asker's zone: localTimezone, else the clientInfo entity, else DEFAULT_TIME_ZONE. */
  private timeZoneOf(activity: Activity): string {
    const fromEntity = activity.entities?.find((e) => e.type === 'clientInfo')?.timezone;
    for (const zone of [activity.localTimezone, fromEntity]) {
      if (typeof zone === 'string' && zone !== '' && isTimeZone(zone)) return zone;
    }
    return this.deps.defaultTimeZone;
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const access = this.accessOf(activity);
    const reference = toProactiveReference(TurnContext.getConversationReference(activity));
    // Only an allowed conversation is remembered: a refused tenant must not fill the table.
    if (access.allowed) await this.deps.references.save(reference);
    const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '')
      .replace(/<at>[^<]*<\/at>/g, ' ')
      .trim();
    const reply = await handleMessage(
      {
        asker: this.askerOf(activity),
        access,
        text,
        timeZone: this.timeZoneOf(activity),
        // Teams says the client's locale on every activity ("en-US", "de-DE"): it decides what 03/12 means.
        locale: typeof activity.locale === 'string' && activity.locale.length <= 35 ? activity.locale : null,
        command: '',
        digestPlace: this.deps.digests
          ? { platform: 'teams', channelId: reference.conversation?.id ?? '' }
          : { unavailable: DIGESTS_OFF },
      },
      this.conversationDeps(),
    );
    if (reply.kind === 'note') {
      await context.sendActivity(reply.text);
      return;
    }
    if (reply.kind === 'card') {
      await context.sendActivity(toCardActivity(reply.view));
      return;
    }
    // Typing only while a lookup is under way: Teams drops a reply that follows typing within milliseconds
    // in channel threads, which is what help, usage and digest answers would do.
    await context.sendActivity({ type: 'typing' });
    await deliverWithPlaceholder(reply.answer, {
      placeholderAfterMs: this.deps.placeholderAfterMs,
      showPlaceholder: async () =>
        (await context.sendActivity(placeholderActivity(reply.pendingText)))?.id ?? null,
      showAnswer: async (view, placeholderId) => {
        if (placeholderId) await context.updateActivity({ ...toCardActivity(view), id: placeholderId });
        else await context.sendActivity(toCardActivity(view));
      },
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const activity = context.activity;
    const action = invokeValue?.action;
    const data = (action?.data ?? {}) as Record<string, unknown>;
    const kind = CARD_VERB_KINDS.get(action?.verb ?? '');
    if (!kind) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Unknown action' } as never,
      };
    }
    const reply = handleAction(
      {
        asker: this.askerOf(activity),
        access: this.accessOf(activity),
        kind,
        token: data.token,
        // Teams picks the session with an input, so Details always sends the pick (or nothing picked).
        ...(kind === 'details' ? { pickedSession: data[SESSION_INPUT_ID] } : {}),
      },
      this.conversationDeps(),
    );
    // An old or altered button must not wipe the card: say so in a message and leave the card as it is.
    if (reply.kind === 'note') return { statusCode: 200, type: MESSAGE_RESPONSE, value: reply.text as never };
    const answer = answerOf(reply);
    if (reply.delivery.how === 'post') {
      // A digest belongs to the conversation: the full list comes as a new message and the digest stays.
      await context.sendActivity(toCardActivity(await answer));
      return {
        statusCode: 200,
        type: MESSAGE_RESPONSE,
        value: 'The list is in a new message below.' as never,
      };
    }

    const first = await withinBudget(answer, this.deps.invokeBudgetMs);
    if (first !== 'slow') return this.cardResponse(first);

    // Teams gives an invoke a few seconds. Updating the message later would replace the card for everyone
    // in the chat, though only this user clicked: the answer stays theirs instead. "Looking up…" comes back
    // at once with a button that repeats the click, answered from the same call (identical questions share
    // it) once it is done; a failure then shows with its own Try again.
    void answer.catch(() => {});
    return {
      statusCode: 200,
      type: CARD_RESPONSE,
      value: (placeholderActivity('Looking up… the appliance is slow. Press Show the answer in a moment.', {
        title: 'Show the answer',
        verb: action?.verb ?? CARD_VERBS.page,
        data,
      }).attachments?.[0]?.content ?? {}) as never,
    };
  }

  private cardResponse(view: AnswerView): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: CARD_RESPONSE, value: renderAnswerAdaptiveCard(view).card as never };
  }
}
