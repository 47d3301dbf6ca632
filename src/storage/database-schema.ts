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
};
