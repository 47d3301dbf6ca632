import type { Kysely } from 'kysely';
import type { AlertIncident } from '../core/alerts/alert-incident';
import type { DatabaseSchema } from './database-schema';

type Row = DatabaseSchema['alert_incidents'];

function toIncident(r: Row): AlertIncident {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    state: r.state as AlertIncident['state'],
    failures: Number(r.failures),
    firstFailedAt: r.first_failed_at,
    lastFailedAt: r.last_failed_at,
    lastStartedAt: r.last_started_at,
    lastSessionId: r.last_session_id,
    lastStatus: r.last_status,
    lastReason: r.last_reason,
    messageId: r.message_id,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? r.owner_id } : null,
    recoveredAt: r.recovered_at,
  };
}

/** The columns the poller writes as an incident goes on; an owner is a click's, never among them. */
function storyOf(incident: AlertIncident, nowMs: number) {
  return {
    state: incident.state,
    failures: incident.failures,
    last_failed_at: incident.lastFailedAt,
    last_started_at: incident.lastStartedAt,
    last_session_id: incident.lastSessionId,
    last_status: incident.lastStatus,
    last_reason: incident.lastReason,
    message_id: incident.messageId,
    recovered_at: incident.recoveredAt,
    updated_at: new Date(nowMs).toISOString(),
  };
}

/**
 * Policies failing in a channel (first failure to recovery) and the snoozes set on them. The poller writes
 * an incident's story; a click writes its owner or a snooze: different columns, so neither undoes the other.
 */
export class AlertIncidentStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async get(id: string): Promise<AlertIncident | null> {
    const r = await this.db.selectFrom('alert_incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toIncident(r) : null;
  }

  /** The incidents still failing, of every subscription: what a Success may end. */
  async listFailing(): Promise<AlertIncident[]> {
    return (
      await this.db
        .selectFrom('alert_incidents')
        .selectAll()
        .where('state', '=', 'failing')
        .orderBy('id')
        .execute()
    ).map(toIncident);
  }

  async failingIn(subscriptionId: string): Promise<AlertIncident[]> {
    return (
      await this.db
        .selectFrom('alert_incidents')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .where('state', '=', 'failing')
        .orderBy('first_failed_at')
        .execute()
    ).map(toIncident);
  }

  async insert(incident: AlertIncident, nowMs: number): Promise<void> {
    await this.db
      .insertInto('alert_incidents')
      .values({
        id: incident.id,
        subscription_id: incident.subscriptionId,
        subject_id: incident.subjectId,
        subject_name: incident.subjectName,
        first_failed_at: incident.firstFailedAt,
        owner_id: incident.owner?.id ?? null,
        owner_name: incident.owner?.name ?? null,
        ...storyOf(incident, nowMs),
      })
      .execute();
  }

  /** Writes what the poller learnt: another failure, the posted message, the recovery. */
  async saveStory(incident: AlertIncident, nowMs: number): Promise<void> {
    await this.db
      .updateTable('alert_incidents')
      .set(storyOf(incident, nowMs))
      .where('id', '=', incident.id)
      .execute();
  }

  async setOwner(id: string, owner: { id: string; name: string } | null, nowMs: number): Promise<void> {
    await this.db
      .updateTable('alert_incidents')
      .set({
        owner_id: owner?.id ?? null,
        owner_name: owner?.name ?? null,
        updated_at: new Date(nowMs).toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async snooze(
    incident: Pick<AlertIncident, 'subscriptionId' | 'subjectId' | 'subjectName'>,
    untilMs: number,
    by: string,
  ): Promise<void> {
    await this.db
      .insertInto('alert_snoozes')
      .values({
        subscription_id: incident.subscriptionId,
        subject_id: incident.subjectId,
        subject_name: incident.subjectName,
        until_ms: untilMs,
        snoozed_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['subscription_id', 'subject_id']).doUpdateSet({ until_ms: untilMs, snoozed_by: by }),
      )
      .execute();
  }

  async unsnooze(subscriptionId: string, subjectId: string): Promise<void> {
    await this.db
      .deleteFrom('alert_snoozes')
      .where('subscription_id', '=', subscriptionId)
      .where('subject_id', '=', subjectId)
      .execute();
  }

  /** The subject's snooze in the subscription while it lasts; null when there is none (any more). */
  async activeSnooze(
    subscriptionId: string,
    subjectId: string,
    nowMs: number,
  ): Promise<{ untilMs: number; by: string } | null> {
    const r = await this.db
      .selectFrom('alert_snoozes')
      .select(['until_ms', 'snoozed_by'])
      .where('subscription_id', '=', subscriptionId)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    if (!r || Number(r.until_ms) <= nowMs) return null;
    return { untilMs: Number(r.until_ms), by: r.snoozed_by };
  }

  async snoozesIn(
    subscriptionId: string,
    nowMs: number,
  ): Promise<{ subjectId: string; subjectName: string; untilMs: number }[]> {
    return (
      await this.db
        .selectFrom('alert_snoozes')
        .select(['subject_id', 'subject_name', 'until_ms'])
        .where('subscription_id', '=', subscriptionId)
        .where('until_ms', '>', nowMs)
        .execute()
    ).map((r) => ({ subjectId: r.subject_id, subjectName: r.subject_name, untilMs: Number(r.until_ms) }));
  }

  /** `alerts off`: a channel's incidents and snoozes go with its subscription. */
  async removeFor(subscriptionId: string): Promise<void> {
    await this.db.deleteFrom('alert_incidents').where('subscription_id', '=', subscriptionId).execute();
    await this.db.deleteFrom('alert_snoozes').where('subscription_id', '=', subscriptionId).execute();
  }
}
