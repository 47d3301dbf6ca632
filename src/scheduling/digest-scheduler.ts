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
  sleep?: (ms: number) => Promise<void>;
  /** Told of each slot's outcome, for metrics. */
  onOutcome?: (outcome: 'posted' | 'failed' | 'skipped') => void;
};

const LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000;

/**
 * Decides when digests are due and makes each (subscription, slot) post once across replicas: every
 * replica ticks, every replica may try, the ledger lets one win. Slots are computed in each subscription's
 * zone (digest-slots), so DST days have exactly one.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: DigestSchedulerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every subscription; overlapping calls share the pass in flight. */
  tick(): Promise<void> {
    if (!this.running) {
      this.running = this.pass()
        .catch((error) => this.o.logger.error('Digest scheduler pass failed', { error }))
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.o.now();
    for (const subscription of await this.o.subscriptions.list()) {
      const created = new Date(subscription.createdAt);
      const after = new Date(Math.max(created.getTime() - 1, now.getTime() - LOOKBACK_MS));
      for (const slot of slotsBetween(subscription.schedule, after, now)) {
        await this.runSlot(subscription, slot, now);
      }
    }
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
    const sleep = this.o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let lastError: unknown = null;
    for (let attempt = 0; attempt <= this.o.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await sleep(this.o.retryDelaysMs[attempt - 1] as number);
      try {
        const messageId = await this.o.post(subscription, slot, late);
        await ledger.finish(
          subscription.id,
          slot,
          instanceId,
          { status: 'posted', messageId },
          this.o.now().getTime(),
        );
        this.o.onOutcome?.('posted');
        logger.info('Posted a digest', {
          subscription: subscription.id,
          slot: slot.toISOString(),
          messageId,
          late,
          attempts: attempt + 1,
        });
        return;
      } catch (error) {
        lastError = error;
        logger.warn('Posting a digest failed; will retry', {
          subscription: subscription.id,
          attempt: attempt + 1,
          error,
        });
      }
    }
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
  }
}
