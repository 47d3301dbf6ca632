import type { Kysely } from 'kysely';
import type { RequestLedger } from '../slack/request-guard';
import type { DatabaseSchema } from './database-schema';

/**
 * Verified chat requests seen by any replica (digests of their signatures, never the requests): one row
 * each until it would be refused as too old anyway. A conflict on the key means another replica, or this
 * one before a restart, answered it already.
 */
export class SeenRequestLedger implements RequestLedger {
  private nextPruneAt = 0;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly pruneEveryMs = 60_000,
  ) {}

  async firstSight(digest: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    if (nowMs >= this.nextPruneAt) {
      this.nextPruneAt = nowMs + this.pruneEveryMs;
      await this.db.deleteFrom('seen_requests').where('expires_at', '<', nowMs).execute();
    }
    const inserted = await this.db
      .insertInto('seen_requests')
      .values({ digest, expires_at: expiresAtMs })
      .onConflict((oc) => oc.column('digest').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
