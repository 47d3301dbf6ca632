import { ConversationReferenceStore } from '../../src/storage/conversation-reference-store';
import { openDatabase } from '../../src/storage/open-database';
import { StoredConversationReferences } from '../../src/teams/conversation-references';

describe('stored conversation references', () => {
  it('write a reference when it is new or changed, not on every message', async () => {
    const database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
    try {
      const references = new StoredConversationReferences(
        new ConversationReferenceStore(database.db, 'teams'),
      );
      const writtenAt = async () =>
        (
          await database.db
            .selectFrom('conversation_references')
            .select('updated_at')
            .executeTakeFirstOrThrow()
        ).updated_at;
      const reference = {
        conversation: { id: '19:a', isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      };
      await references.save(reference);
      const first = await writtenAt();
      await new Promise((r) => setTimeout(r, 5));
      await references.save({ ...reference });
      expect(await writtenAt()).toBe(first);
      await references.save({ ...reference, serviceUrl: 'https://smba.trafficmanager.net/amer/' });
      expect(await writtenAt()).not.toBe(first);
      expect((await references.get('19:a'))?.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
    } finally {
      await database.close();
    }
  });
});
