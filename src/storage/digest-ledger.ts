import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema';

export type ClaimResult = 'claimed' | 'taken-over' | 'busy' | 'done';
type RunStatus = 'claimed' | 'posted' | 'failed' | 'skipped';
export type DigestRun = {
  subscriptionId: string;
  slot: string;
  status: RunStatus;
  claimedBy: string;
  attempts: number;
  messageId: string | null;
  note: string | null;
};

/**
 * The record that makes each (subscription, slot) post once across replicas. A replica claims a slot by
 * inserting its row (the primary key lets one insert win), posts, then records the message id. A claim
 * left unfinished by a crash can be taken over once its lease has run out; a finished one never is.
 */
export class DigestLedger {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async claim(
    subscriptionId: string,
    slot: Date,
    owner: string,
    nowMs: number,
    leaseMs: number,
  ): Promise<ClaimResult> {
    const key = slot.toISOString();
    const inserted = await this.db
      .insertInto('digest_runs')
      .values({
        subscription_id: subscriptionId,
        slot: key,
        status: 'claimed',
        claimed_by: owner,
        lease_until: nowMs + leaseMs,
        attempts: 1,
        message_id: null,
        note: null,
        updated_at: new Date(nowMs).toISOString(),
      })
      .onConflict((oc) => oc.columns(['subscription_id', 'slot']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 'claimed';

    // One UPDATE decides the takeover: only one replica can match the expired lease.
    const takeover = await this.db
      .updateTable('digest_runs')
      .set((eb) => ({
        claimed_by: owner,
        lease_until: nowMs + leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: new Date(nowMs).toISOString(),
      }))
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', key)
      .where('status', '=', 'claimed')
      .where('lease_until', '<', nowMs)
      .executeTakeFirst();
    if (Number(takeover.numUpdatedRows) === 1) return 'taken-over';
    const run = await this.get(subscriptionId, slot);
    return run?.status === 'claimed' ? 'busy' : 'done';
  }

  /** Records the outcome; only the current owner of the claim may. */
  async finish(
    subscriptionId: string,
    slot: Date,
    owner: string,
    outcome: { status: 'posted'; messageId: string } | { status: 'failed'; note: string },
    nowMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('digest_runs')
      .set({
        status: outcome.status,
        message_id: outcome.status === 'posted' ? outcome.messageId : null,
        note: outcome.status === 'failed' ? outcome.note : null,
        updated_at: new Date(nowMs).toISOString(),
      })
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', slot.toISOString())
      .where('claimed_by', '=', owner)
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks a slot as skipped; true only for the replica that recorded it, so the skip is logged once. */
  async skip(
    subscriptionId: string,
    slot: Date,
    owner: string,
    note: string,
    nowMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('digest_runs')
      .values({
        subscription_id: subscriptionId,
        slot: slot.toISOString(),
        status: 'skipped',
        claimed_by: owner,
        lease_until: nowMs,
        attempts: 0,
        message_id: null,
        note,
        updated_at: new Date(nowMs).toISOString(),
      })
      .onConflict((oc) => oc.columns(['subscription_id', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async get(subscriptionId: string, slot: Date): Promise<DigestRun | null> {
    const r = await this.db
      .selectFrom('digest_runs')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', slot.toISOString())
      .executeTakeFirst();
    return r ? toRun(r) : null;
  }

  /** The latest posted slot before `before`: a digest covers the time since then when that is longer. */
  async lastPostedBefore(subscriptionId: string, before: Date): Promise<Date | null> {
    const r = await this.db
      .selectFrom('digest_runs')
      .select('slot')
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'posted')
      .where('slot', '<', before.toISOString())
      .orderBy('slot', 'desc')
      .executeTakeFirst();
    return r ? new Date(r.slot) : null;
  }

  async runs(subscriptionId: string): Promise<DigestRun[]> {
    return (
      await this.db
        .selectFrom('digest_runs')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('slot')
        .execute()
    ).map(toRun);
  }
}

function toRun(r: DatabaseSchema['digest_runs']): DigestRun {
  return {
    subscriptionId: r.subscription_id,
    slot: r.slot,
    status: r.status as RunStatus,
    claimedBy: r.claimed_by,
    attempts: r.attempts,
    messageId: r.message_id,
    note: r.note,
  };
}
