/** The tables, as Kysely sees them. Times are ISO strings (readable in any SQL shell) or epoch ms. */
export type DatabaseSchema = {
  digest_subscriptions: {
    id: string;
    platform: string;
    channel_id: string;
    days: string;
    time: string;
    time_zone: string;
    filters: string;
    created_by: string;
    created_at: string;
    source: string;
    /** Scheduled slots in a row that could not be delivered; reset by a delivery or a new subscribe. */
    failures?: number;
    /** Why deliveries stopped (paused after repeated failures); null while active. */
    paused_note?: string | null;
  };
  digest_runs: {
    subscription_id: string;
    /** The slot's instant, ISO UTC: with subscription_id, the key that makes a post happen once. */
    slot: string;
    /** claimed → posted | failed; or skipped (missed by more than the grace period). */
    status: string;
    claimed_by: string;
    /** Epoch ms after which another replica may take an unfinished claim over. */
    lease_until: number;
    attempts: number;
    message_id: string | null;
    note: string | null;
    updated_at: string;
  };
  conversation_references: {
    conversation_id: string;
    platform: string;
    reference: string;
    updated_at: string;
  };
  /** Digests of verified Slack request signatures, so a replay is refused by every replica. */
  seen_requests: {
    digest: string;
    /** Epoch ms after which the request would be refused as stale anyway. */
    expires_at: number;
  };
  alert_subscriptions: {
    id: string;
    platform: string;
    channel_id: string;
    filters: string;
    /** The resolved scope, JSON ({ policyId, policyName, types }). */
    scope: string;
    include_warnings: number;
    after_failures: number;
    time_zone: string;
    created_by: string;
    created_at: string;
    source: string;
    /** Why alerts here stopped (the bot cannot post to the channel); null while active. */
    paused_note: string | null;
  };
  /** One row: which replica polls the appliance for everyone, until when, and how its last poll went. */
  alert_lease: {
    name: string;
    holder: string;
    lease_until: number;
    polled_at: string | null;
    poll_note: string | null;
  };
  /** The claim ledger of alerts: each (subscription, session, status) is handled once across replicas. */
  alert_events: {
    subscription_id: string;
    session_id: string;
    status: string;
    /** claimed → posted | skipped */
    state: string;
    claimed_by: string;
    lease_until: number;
    updated_at: string;
  };
  /** A policy failing in a channel, from its first failure to its recovery: the message and its thread. */
  alert_incidents: {
    id: string;
    subscription_id: string;
    /** The policy id (or `type:<type>` for sessions of no policy). */
    subject_id: string;
    subject_name: string;
    /** failing | recovered */
    state: string;
    failures: number;
    first_failed_at: string;
    last_failed_at: string;
    /** When the latest failed session started: a Success that started later ends the incident. */
    last_started_at: string;
    last_session_id: string;
    last_status: string;
    last_reason: string | null;
    /** The top-level message, once posted (the platform's id: a Slack ts, a Teams activity id). */
    message_id: string | null;
    owner_id: string | null;
    owner_name: string | null;
    recovered_at: string | null;
    updated_at: string;
  };
  /** No new top-level alerts for a policy in a channel until `until_ms`. */
  alert_snoozes: {
    subscription_id: string;
    subject_id: string;
    subject_name: string;
    until_ms: number;
    snoozed_by: string;
  };
};
