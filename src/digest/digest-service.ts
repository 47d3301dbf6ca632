import { DateTime } from 'luxon';
import type { AnswerDeps } from '../core/answers/answer-question';
import { buildDigestView } from '../core/digest/build-digest-view';
import { collectDigest } from '../core/digest/collect-digest';
import { nextSlot } from '../core/digest/digest-slots';
import {
  type DigestPlatform,
  type DigestSubscription,
  describeSchedule,
  subscriptionId,
} from '../core/digest/digest-subscription';
import type { DigestCommand } from '../core/digest/parse-digest-command';
import { DIGEST_USAGE } from '../core/digest/parse-digest-command';
import { BotError, toBotError } from '../core/errors';
import { parseSessionQuery } from '../core/query/parse-session-query';
import { type SessionQuery, unfilteredQuery } from '../core/sessions/session-query';
import { buildErrorView } from '../core/view/build-error-view';
import { formatLocalTime } from '../core/view/human-time';
import type { AnswerView, DigestView, NoticeView } from '../core/view/sessions-view';
import type { DigestLedger } from '../storage/digest-ledger';
import type { DigestSubscriptionStore } from '../storage/digest-subscription-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A window reaches back to the previous digest, but never further than this. */
const MAX_WINDOW_MS = 7 * DAY_MS;

/** Posts a digest where a subscription points and returns the posted message's id. */
export type DigestPoster = (subscription: DigestSubscription, view: AnswerView) => Promise<string>;

/** Where a digest command came from. */
export type DigestPlace = { platform: DigestPlatform; channelId: string; userId: string; timeZone: string };

export type DigestServiceDeps = {
  answers: AnswerDeps;
  subscriptions: DigestSubscriptionStore;
  ledger: DigestLedger;
  /** The platform that posts a subscription's digest, looked up when it is due; undefined when it is off. */
  posterFor: (platform: DigestPlatform) => DigestPoster | undefined;
  /** Named in answers about file-declared subscriptions. */
  digestsFile: string | null;
  /** Chat-made subscriptions one person may have, across channels (DIGEST_MAX_PER_USER). */
  maxPerUser: number;
};

const notice = (title: string, text: string): NoticeView => ({ kind: 'notice', title, text });

/** Subscriptions made in chat, and the digests themselves: what goes into one and where it is posted. */
export class DigestService {
  constructor(private readonly deps: DigestServiceDeps) {}

  /** The subscription's filters as a query with no time and no status. */
  scopeOf(subscription: DigestSubscription): SessionQuery {
    const { timeZone } = subscription.schedule;
    const vocabulary = this.deps.answers.source.vocabulary;
    const blank = unfilteredQuery(timeZone, vocabulary);
    if (subscription.filters.trim() === '') return blank;
    const parsed = parseSessionQuery(subscription.filters, {
      now: this.deps.answers.now(),
      timeZone,
      vocabulary,
    });
    if (parsed.kind !== 'query')
      throw new BotError('USAGE', `The digest's filters are not understood: ${subscription.filters}`);
    return { ...parsed.query, statuses: [], fromUtc: null, toUtc: null, timeLabel: null };
  }

  /** The digest due at `slot`: the 24 hours before it, or since the previous digest when that is longer. */
  async build(subscription: DigestSubscription, slot: Date, late: boolean): Promise<DigestView> {
    let from = new Date(slot.getTime() - DAY_MS);
    const previous = await this.deps.ledger.lastPostedBefore(subscription.id, slot);
    if (previous && previous < from && slot.getTime() - previous.getTime() <= MAX_WINDOW_MS) from = previous;
    const scope = this.scopeOf(subscription);
    const data = await collectDigest(scope, { from, to: slot }, this.deps.answers.source);
    this.deps.answers.logger.info('Digest collected', {
      subscription: subscription.id,
      slot: slot.toISOString(),
      apiCalls: data.apiCalls,
      sessions: data.counts,
    });
    return buildDigestView(data, {
      scope,
      slot,
      late,
      pageSize: this.deps.answers.pageSize,
      veeamUrl: this.deps.answers.veeamUrl,
      now: this.deps.answers.now(),
      tokens: this.deps.answers.tokens,
    });
  }

  /** Builds and posts; throws when either fails, for the scheduler to retry. */
  async post(subscription: DigestSubscription, slot: Date, late: boolean): Promise<string> {
    const poster = this.deps.posterFor(subscription.platform);
    if (!poster)
      throw new Error(`${subscription.platform} is not configured, so its digests cannot be posted`);
    return poster(subscription, await this.build(subscription, slot, late));
  }

  private when(slot: Date | null, zone: string): string {
    if (!slot) return 'not within a week';
    return `${formatLocalTime(slot.toISOString(), zone, DateTime.fromJSDate(this.deps.answers.now()))} ${zone}`;
  }

  /**
   * The bot can no longer post to a conversation (uninstalled, removed, or the platform says it is not a
   * member): its chat-made subscriptions end, and the log says so once. File-declared ones stay, since
   * only the file may change them; they fail and pause like any undeliverable one.
   */
  async endForConversation(platform: DigestPlatform, channelId: string, reason: string): Promise<void> {
    const id = subscriptionId(platform, channelId);
    const here = await this.deps.subscriptions.findByChannel(platform, channelId);
    if (!here.some((s) => s.id === id && s.source === 'chat')) return;
    await this.deps.subscriptions.remove(id);
    this.deps.answers.logger.warn('Ended a digest subscription the bot can no longer post to', {
      subscription: id,
      reason,
    });
  }

  /** `digest …` typed in a channel or chat; never throws. */
  async handleCommand(command: DigestCommand, place: DigestPlace): Promise<AnswerView> {
    try {
      return await this.command(command, place);
    } catch (error) {
      const botError = toBotError(error);
      if (botError.code === 'INTERNAL') this.deps.answers.logger.error('Digest command failed', { error });
      return buildErrorView(botError);
    }
  }

  private async command(command: DigestCommand, place: DigestPlace): Promise<AnswerView> {
    const id = subscriptionId(place.platform, place.channelId);
    const here = await this.deps.subscriptions.findByChannel(place.platform, place.channelId);
    const now = this.deps.answers.now();
    switch (command.kind) {
      case 'usage':
        return buildErrorView(new BotError('USAGE', command.message));
      case 'status': {
        if (here.length === 0)
          return notice('No digest here', `Nothing is posted here on a schedule.\n${DIGEST_USAGE}`);
        const lines = here.map((s) => {
          const next = nextSlot(s.schedule, now);
          const from =
            s.source === 'file' ? ` (declared in ${this.deps.digestsFile ?? 'the digests file'})` : '';
          const filters = s.filters ? ` for \`${s.filters}\`` : '';
          return `Daily digest ${describeSchedule(s.schedule)}${filters}${from}; next ${this.when(next, s.schedule.timeZone)}.`;
        });
        for (const s of here) {
          const paused = await this.deps.subscriptions.pausedNote(s.id);
          if (paused)
            lines.push(
              `It is ${paused}. Check that the bot is still in this channel or chat, then say \`digest ${s.schedule.days} ${s.schedule.time}\` again to resume.`,
            );
        }
        return notice('Digest here', lines.join('\n'));
      }
      case 'off': {
        const fromFile = here.filter((s) => s.source === 'file');
        const removed = await this.deps.subscriptions.remove(id);
        if (fromFile.length > 0 && !removed)
          return notice(
            'Declared in a file',
            `This channel's digest is declared in ${this.deps.digestsFile ?? 'the digests file'}; remove it there.`,
          );
        return notice(
          removed ? 'Digest off' : 'No digest here',
          removed ? 'No more digests will be posted here.' : 'There was no digest here to turn off.',
        );
      }
      case 'now': {
        const subscription: DigestSubscription = here[0] ?? {
          id,
          platform: place.platform,
          channelId: place.channelId,
          schedule: { days: 'daily', time: '00:00', timeZone: place.timeZone },
          filters: '',
          createdBy: place.userId,
          createdAt: now.toISOString(),
          source: 'chat',
        };
        const view = await this.build(
          { ...subscription, schedule: { ...subscription.schedule, timeZone: place.timeZone } },
          now,
          false,
        );
        return view;
      }
      case 'subscribe': {
        const elsewhere = await this.deps.subscriptions.countByCreator(place.userId, id);
        if (elsewhere >= this.deps.maxPerUser)
          return buildErrorView(
            new BotError(
              'USAGE',
              `You already have ${elsewhere} digests in other channels, the most one person may have (DIGEST_MAX_PER_USER=${this.deps.maxPerUser}). Turn one off with \`digest off\` there first.`,
            ),
          );
        await this.deps.subscriptions.save({
          id,
          platform: place.platform,
          channelId: place.channelId,
          schedule: { days: command.days, time: command.time, timeZone: command.timeZone },
          filters: command.filters,
          createdBy: place.userId,
          createdAt: now.toISOString(),
          source: 'chat',
        });
        const schedule = { days: command.days, time: command.time, timeZone: command.timeZone };
        const next = nextSlot(schedule, now);
        return notice(
          'Digest on',
          `A digest of the last 24 hours will be posted here ${describeSchedule(schedule)}${command.filters ? `, for \`${command.filters}\`` : ''}.\nThe first one: ${this.when(next, command.timeZone)}. \`digest off\` stops it.`,
        );
      }
    }
  }
}
