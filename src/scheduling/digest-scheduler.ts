import {
  bulkhead,
  handleAll,
  type IPolicy,
  IterableBackoff,
  type RetryPolicy,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { slotsBetween } from '../core/digest/digest-slots';
import type { DigestSubscription } from '../core/digest/digest-subscription';
import type { Logger } from '../core/ports';
import type { DigestLedger } from '../storage/digest-ledger';
import type { DigestSubscriptionStore } from '../storage/digest-subscription-store';

export type DigestSchedulerOptions = {
  subscriptions: DigestSubscriptionStore;
  ledger: DigestLedger;
  /** Builds and posts one digest, returning the message id; throws on failure. */
  post: (subscription: DigestSubscription, slot: Date, late: boolean) => Promise<string>;
  logger: Logger;
  /** This replica's name in claims. */
  instanceId: string;
  now: () => Date;
  /** A digest missed by longer than this (the bot was down) is skipped and logged, not posted. */
  graceMs: number;
  /** How long a claim protects a slot; after that another replica takes an unfinished one over. */
  leaseMs: number;
  /** How often due slots are looked for. */
  tickMs: number;
  /** Waits between delivery attempts; the last failure is logged and the slot marked failed. */
  retryDelaysMs: number[];
  /** Posted later than this after its time, a digest says it is late. */
  lateAfterMs?: number;
  /** Told of each slot's outcome, for metrics. */
  onOutcome?: (outcome: 'posted' | 'failed' | 'skipped') => void;
  /** One delivery attempt may take this long before it counts as failed. */
  attemptTimeoutMs?: number;
  /** Slots given up on in a row before a subscription is paused. */
  pauseAfterFailures?: number;
  /** Told once when a subscription is paused, to tell its subscriber. */
  onPaused?: (subscription: DigestSubscription, note: string) => void;
  /** Delivery attempts in flight at once, across all subscriptions. */
  maxConcurrentPosts?: number;
};

const LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000;
/** Just after a minute turns, so a slot at 08:00 is seen at 08:00:00.5, not up to a tick later. */
const AFTER_THE_MINUTE_MS = 500;

/**
 * How long to wait before looking for due slots again: until just after the next minute (a digest set for
 * 08:00 goes out within a second or so of it), or tickMs when that comes first.
 */
export function nextWakeMs(nowMs: number, tickMs: number): number {
  const toNextMinute = 60_000 - (nowMs % 60_000) + AFTER_THE_MINUTE_MS;
  return Math.max(1, Math.min(tickMs, toNextMinute));
}

/**
 * Decides when digests are due and makes each (subscription, slot) post once across replicas: every
 * replica ticks, every replica may try, the ledger lets one win. Slots are computed in each subscription's
 * zone (digest-slots), so DST days have exactly one.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Slots being delivered by this replica, so a tick never starts one twice. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Delivery attempts in flight at once, each bounded in time; the rest queue for a free place. */
  private readonly posting: IPolicy;
  /** Waits between attempts outside the bulkhead, so a channel being retried holds no place in it. */
  private readonly retrying: RetryPolicy;

  constructor(private readonly o: DigestSchedulerOptions) {
    this.posting = wrap(
      bulkhead(o.maxConcurrentPosts ?? 4, Number.POSITIVE_INFINITY),
      timeout(o.attemptTimeoutMs ?? 120_000, TimeoutStrategy.Aggressive),
    );
    this.retrying = retry(handleAll, {
      maxAttempts: o.retryDelaysMs.length,
      backoff: new IterableBackoff(o.retryDelaysMs),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wakeLater();
    void this.tick();
  }

  /** The next look comes at the next minute (slots are whole minutes) or after tickMs, whichever is first. */
  private wakeLater(): void {
    if (!this.running) return;
    this.timer = setTimeout(
      () => {
        this.wakeLater();
        void this.tick();
      },
      nextWakeMs(this.o.now().getTime(), this.o.tickMs),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(this.inFlight.values());
  }

  /**
   * Starts every due slot not already under way and resolves when those are done. Each slot runs on its
   * own: one channel that cannot be reached retries without holding up anyone else's digest, and a
   * later tick starts new slots while it is still retrying.
   */
  async tick(): Promise<void> {
    let started: Promise<void>[];
    try {
      started = await this.startDueSlots();
    } catch (error) {
      this.o.logger.error('Digest scheduler pass failed', { error });
      return;
    }
    await Promise.all(started);
  }

  private async startDueSlots(): Promise<Promise<void>[]> {
    const now = this.o.now();
    const started: Promise<void>[] = [];
    for (const subscription of await this.o.subscriptions.listActive()) {
      const created = new Date(subscription.createdAt);
      const after = new Date(Math.max(created.getTime() - 1, now.getTime() - LOOKBACK_MS));
      for (const slot of slotsBetween(subscription.schedule, after, now)) {
        const key = `${subscription.id}|${slot.toISOString()}`;
        if (this.inFlight.has(key)) continue;
        const run = this.runSlot(subscription, slot, now)
          .catch((error) =>
            this.o.logger.error('A digest slot failed', { subscription: subscription.id, error }),
          )
          .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, run);
        started.push(run);
      }
    }
    return started;
  }

  private attempt(subscription: DigestSubscription, slot: Date, late: boolean): Promise<string> {
    return this.posting.execute(() => this.o.post(subscription, slot, late));
  }

  private async runSlot(subscription: DigestSubscription, slot: Date, now: Date): Promise<void> {
    const { ledger, logger, instanceId } = this.o;
    const lateBy = now.getTime() - slot.getTime();
    if (lateBy > this.o.graceMs) {
      const note = `missed by ${Math.round(lateBy / 60_000)} min, more than the grace period`;
      if (await ledger.skip(subscription.id, slot, instanceId, note, now.getTime())) {
        this.o.onOutcome?.('skipped');
        logger.warn('Skipped a digest that was missed while the bot was down', {
          subscription: subscription.id,
          slot: slot.toISOString(),
          note,
        });
      }
      return;
    }
    const claim = await ledger.claim(subscription.id, slot, instanceId, now.getTime(), this.o.leaseMs);
    if (claim === 'busy' || claim === 'done') return;
    if (claim === 'taken-over')
      logger.warn('Took over a digest another replica claimed and did not finish', {
        subscription: subscription.id,
        slot: slot.toISOString(),
      });

    const late = lateBy > (this.o.lateAfterMs ?? 5 * 60_000);
    let attempts = 0;
    let messageId: string;
    try {
      messageId = await this.retrying.execute(() => {
        attempts++;
        return this.attempt(subscription, slot, late).catch((error: unknown) => {
          logger.warn('Posting a digest failed; will retry', {
            subscription: subscription.id,
            attempt: attempts,
            error,
          });
          throw error;
        });
      });
    } catch (error) {
      await this.giveUp(subscription, slot, error);
      return;
    }
    await ledger.finish(
      subscription.id,
      slot,
      instanceId,
      { status: 'posted', messageId },
      this.o.now().getTime(),
    );
    await this.o.subscriptions.recordDelivered(subscription.id);
    this.o.onOutcome?.('posted');
    logger.info('Posted a digest', {
      subscription: subscription.id,
      slot: slot.toISOString(),
      messageId,
      late,
      attempts,
    });
  }

  private async giveUp(subscription: DigestSubscription, slot: Date, lastError: unknown): Promise<void> {
    const { ledger, logger, instanceId } = this.o;
    const note = lastError instanceof Error ? lastError.message : String(lastError);
    await ledger.finish(
      subscription.id,
      slot,
      instanceId,
      { status: 'failed', note },
      this.o.now().getTime(),
    );
    this.o.onOutcome?.('failed');
    logger.error('Gave up posting a digest', {
      subscription: subscription.id,
      slot: slot.toISOString(),
      error: lastError,
    });
    const pauseAfter = this.o.pauseAfterFailures ?? 3;
    const pauseNote = `paused after ${pauseAfter} digests in a row could not be posted (last: ${note})`;
    if (await this.o.subscriptions.recordFailed(subscription.id, pauseNote, pauseAfter)) {
      logger.error('Paused a digest subscription that keeps failing', {
        subscription: subscription.id,
        note: pauseNote,
      });
      this.o.onPaused?.(subscription, pauseNote);
    }
  }
}
