import { createHash } from 'node:crypto';

/**
 * Deterministic randomness keyed by name: the same seed and key always give the same numbers, so a
 * session that exists at 08:00 today is the same session in every run and on every replica.
 */
export function randomFor(seed: string, key: string): () => number {
  const digest = createHash('sha256').update(`${seed}|${key}`).digest();
  let state = digest.readUInt32LE(0);
  // mulberry32
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable UUID-shaped id for a key. */
export function uuidFor(seed: string, key: string): string {
  const h = createHash('sha256').update(`uuid|${seed}|${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16] as string, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}
