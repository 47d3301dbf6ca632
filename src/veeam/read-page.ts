import type { z } from 'zod';
import { pageEnvelopeSchema } from './schemas';

export type ReadPage<T> = {
  items: T[];
  offset: number | null;
  limit: number | null;
  totalCount: number | null;
  /** Items that lacked what the bot needs, and why (the first field zod named). */
  skipped: { index: number; reason: string }[];
};

/**
 * A collection envelope, strictly (no `results` list → null, never an empty page), and its items one by
 * one, leniently: an item that cannot be read is skipped and reported, the rest of the page stands.
 */
export function readPage<S extends z.ZodType>(json: unknown, item: S): ReadPage<z.infer<S>> | null {
  const envelope = pageEnvelopeSchema.safeParse(json);
  if (!envelope.success) return null;
  const items: z.infer<S>[] = [];
  const skipped: ReadPage<z.infer<S>>['skipped'] = [];
  envelope.data.results.forEach((raw, index) => {
    const parsed = item.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'item';
      skipped.push({ index, reason: `${field}: ${issue?.message ?? 'unreadable'}` });
    }
  });
  return {
    items,
    offset: envelope.data.offset ?? null,
    limit: envelope.data.limit ?? null,
    totalCount: envelope.data.totalCount ?? null,
    skipped,
  };
}
