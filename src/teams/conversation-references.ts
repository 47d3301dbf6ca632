import type { ConversationReference } from 'botbuilder';
import type { ConversationReferenceStore } from '../storage/conversation-reference-store';

/**
 * Where the bot may post without being asked (the digest): the conversation references of the chats and
 * channels that used it. The bot keeps them in its database (StoredConversationReferences); the
 * in-memory one serves tests and tools that run without one.
 */
export interface ConversationReferences {
  save(reference: Partial<ConversationReference>): Promise<void>;
  get(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
  list(): Promise<Partial<ConversationReference>[]>;
  /** The bot was removed from the conversation: nothing may be posted there any more. */
  remove(conversationId: string): Promise<void>;
}

/**
 * The reference a proactive post needs: without the id of the message that was answered (or the post
 * would be a reply to it) and, in a channel, the channel itself rather than the thread that was used,
 * so a digest starts a post of its own.
 */
export function toProactiveReference(
  reference: Partial<ConversationReference>,
): Partial<ConversationReference> {
  const { activityId: _answered, ...rest } = reference;
  const conversation = reference.conversation;
  if (!conversation?.id) return rest;
  return {
    ...rest,
    conversation: { ...conversation, id: conversation.id.split(';messageid=')[0] as string },
  };
}

export class InMemoryConversationReferences implements ConversationReferences {
  private readonly byId = new Map<string, Partial<ConversationReference>>();

  constructor(private readonly maxEntries = 50_000) {}

  async save(reference: Partial<ConversationReference>): Promise<void> {
    const id = reference.conversation?.id;
    if (!id) return;
    this.byId.delete(id);
    if (this.byId.size >= this.maxEntries) this.byId.delete(this.byId.keys().next().value as string);
    this.byId.set(id, reference);
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.byId.get(conversationId);
  }

  async list(): Promise<Partial<ConversationReference>[]> {
    return [...this.byId.values()];
  }

  async remove(conversationId: string): Promise<void> {
    this.byId.delete(conversationId);
  }
}

/**
 * The database-backed references, so a proactive digest survives restarts and reaches every replica.
 * Every message saves its reference, but one rarely changes: an unchanged one is not written again.
 */
export class StoredConversationReferences implements ConversationReferences {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly store: ConversationReferenceStore,
    private readonly maxRemembered = 10_000,
  ) {}

  async save(reference: Partial<ConversationReference>): Promise<void> {
    const id = reference.conversation?.id;
    if (!id) return;
    const json = JSON.stringify(reference);
    if (this.written.get(id) === json) return;
    await this.store.save(id, reference);
    this.written.delete(id);
    if (this.written.size >= this.maxRemembered)
      this.written.delete(this.written.keys().next().value as string);
    this.written.set(id, json);
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.store.get(conversationId)) as Partial<ConversationReference> | undefined;
  }

  async list(): Promise<Partial<ConversationReference>[]> {
    return (await this.store.list()) as Partial<ConversationReference>[];
  }

  async remove(conversationId: string): Promise<void> {
    this.written.delete(conversationId);
    await this.store.remove(conversationId);
  }
}
