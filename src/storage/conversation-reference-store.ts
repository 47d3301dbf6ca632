import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema';

/**
 * Where a platform may post unasked: an opaque JSON reference per conversation (Teams' conversation
 * reference). Storage keeps it as text and knows nothing of its shape.
 */
export class ConversationReferenceStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly platform: string,
  ) {}

  async save(conversationId: string, reference: unknown): Promise<void> {
    const row = {
      conversation_id: conversationId,
      platform: this.platform,
      reference: JSON.stringify(reference),
      updated_at: new Date().toISOString(),
    };
    await this.db
      .insertInto('conversation_references')
      .values(row)
      .onConflict((oc) =>
        oc.column('conversation_id').doUpdateSet({ reference: row.reference, updated_at: row.updated_at }),
      )
      .execute();
  }

  async get(conversationId: string): Promise<unknown | undefined> {
    const r = await this.db
      .selectFrom('conversation_references')
      .select('reference')
      .where('conversation_id', '=', conversationId)
      .where('platform', '=', this.platform)
      .executeTakeFirst();
    return r ? JSON.parse(r.reference) : undefined;
  }

  async remove(conversationId: string): Promise<void> {
    await this.db
      .deleteFrom('conversation_references')
      .where('conversation_id', '=', conversationId)
      .where('platform', '=', this.platform)
      .execute();
  }

  async list(): Promise<unknown[]> {
    const rows = await this.db
      .selectFrom('conversation_references')
      .select('reference')
      .where('platform', '=', this.platform)
      .execute();
    return rows.map((r) => JSON.parse(r.reference));
  }
}
