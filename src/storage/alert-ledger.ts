import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema';

const LEASE = 'poll';

export type PollRecord = { holder: string; leaseUntil: number; polledAt: string | null; note: string | null };

/**
 * Who polls the appliance for every replica, and the record that makes each (subscription, session,
 * status) alert once. The lease is one row: its holder renews it every poll; once it has run out (the
 * holder died), the next replica to ask takes it. One UPDATE decides each takeover, so one replica wins.
 */
export class AlertLedger {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** True when `owner` holds the poll lease until `nowMs + leaseMs` (renewed, taken over or new). */
  async holdLease(owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
    const renewed = await this.db
      .updateTable('alert_lease')
      .set({ holder: owner, lease_until: nowMs + leaseMs })
      .where('name', '=', LEASE)
      .where((eb) => eb.or([eb('holder', '=', owner), eb('lease_until', '<', nowMs)]))
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) === 1) return true;
    const inserted = await this.db
      .insertInto('alert_lease')
      .values({ name: LEASE, holder: owner, lease_until: nowMs + leaseMs, polled_at: null, poll_note: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Lets the lease go at once (a clean stop), so another replica polls without waiting it out. */
  async releaseLease(owner: string): Promise<void> {
    await this.db
      .updateTable('alert_lease')
      .set({ lease_until: 0 })
      .where('name', '=', LEASE)
      .where('holder', '=', owner)
      .execute();
  }

  /** A poll done: when, and what it could not do (null when it read everything). */
  async recordPoll(owner: string, at: Date, note: string | null): Promise<void> {
    await this.db
      .updateTable('alert_lease')
      .set({ polled_at: at.toISOString(), poll_note: note })
      .where('name', '=', LEASE)
      .where('holder', '=', owner)
      .execute();
  }

  async poll(): Promise<PollRecord | null> {
    const r = await this.db
      .selectFrom('alert_lease')
      .selectAll()
      .where('name', '=', LEASE)
      .executeTakeFirst();
    return r
      ? { holder: r.holder, leaseUntil: Number(r.lease_until), polledAt: r.polled_at, note: r.poll_note }
      : null;
  }

  /**
   * The (subscription, session, status) keys handled, or claimed by a replica whose claim still holds, of
   * those asked about, with their state; an abandoned claim is not among them, so the next poll takes it over.
   */
  async known(sessionIds: string[], nowMs: number): Promise<Map<string, string>> {
    const known = new Map<string, string>();
    // Bounded batches: a long IN list is slow on SQLite and capped on both.
    for (let i = 0; i < sessionIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('alert_events')
        .select(['subscription_id', 'session_id', 'status', 'state'])
        .where('session_id', 'in', sessionIds.slice(i, i + 500))
        .where((eb) => eb.or([eb('state', '!=', 'claimed'), eb('lease_until', '>=', nowMs)]))
        .execute();
      for (const r of rows) known.set(eventKey(r.subscription_id, r.session_id, r.status), r.state);
    }
    return known;
  }

  /**
   * Claims an event for `owner`: true when it may handle it now (a new claim, or one whose holder died
   * before recording it), false when it is done or another replica is on it.
   */
  async claim(
    subscriptionId: string,
    sessionId: string,
    status: string,
    owner: string,
    nowMs: number,
    leaseMs: number,
  ): Promise<boolean> {
    const inserted = await this.db
      .insertInto('alert_events')
      .values({
        subscription_id: subscriptionId,
        session_id: sessionId,
        status,
        state: 'claimed',
        claimed_by: owner,
        lease_until: nowMs + leaseMs,
        updated_at: new Date(nowMs).toISOString(),
      })
      .onConflict((oc) => oc.columns(['subscription_id', 'session_id', 'status']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const takeover = await this.db
      .updateTable('alert_events')
      .set({ claimed_by: owner, lease_until: nowMs + leaseMs, updated_at: new Date(nowMs).toISOString() })
      .where('subscription_id', '=', subscriptionId)
      .where('session_id', '=', sessionId)
      .where('status', '=', status)
      .where('state', '=', 'claimed')
      .where('lease_until', '<', nowMs)
      .executeTakeFirst();
    return Number(takeover.numUpdatedRows) === 1;
  }

  /** Gives a claim back after a delivery failed for a reason that may pass, so the next poll tries again. */
  async release(subscriptionId: string, sessionId: string, status: string, owner: string): Promise<void> {
    await this.db
      .deleteFrom('alert_events')
      .where('subscription_id', '=', subscriptionId)
      .where('session_id', '=', sessionId)
      .where('status', '=', status)
      .where('state', '=', 'claimed')
      .where('claimed_by', '=', owner)
      .execute();
  }

  /** Records an event as handled: `posted` (alerted, replied, updated) or `skipped` (with the log's reason). */
  async finish(
    subscriptionId: string,
    sessionId: string,
    status: string,
    state: 'posted' | 'skipped',
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('alert_events')
      .set({ state, updated_at: new Date(nowMs).toISOString() })
      .where('subscription_id', '=', subscriptionId)
      .where('session_id', '=', sessionId)
      .where('status', '=', status)
      .execute();
  }

  /** Records events that need no post (before `alerts on`, or a status of no interest) in one go. */
  async recordSkipped(
    events: { subscriptionId: string; sessionId: string; status: string }[],
    owner: string,
    nowMs: number,
  ): Promise<void> {
    for (let i = 0; i < events.length; i += 200) {
      const values = events.slice(i, i + 200).map((e) => ({
        subscription_id: e.subscriptionId,
        session_id: e.sessionId,
        status: e.status,
        state: 'skipped',
        claimed_by: owner,
        lease_until: nowMs,
        updated_at: new Date(nowMs).toISOString(),
      }));
      await this.db
        .insertInto('alert_events')
        .values(values)
        .onConflict((oc) => oc.columns(['subscription_id', 'session_id', 'status']).doNothing())
        .execute();
    }
  }

  /** Forgets events older than `beforeIso` (no poll looks back that far), so the table stays small. */
  async forgetBefore(beforeIso: string): Promise<void> {
    await this.db.deleteFrom('alert_events').where('updated_at', '<', beforeIso).execute();
  }
}

export function eventKey(subscriptionId: string, sessionId: string, status: string): string {
  return `${subscriptionId}|${sessionId}|${status}`;
}
