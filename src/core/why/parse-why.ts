import { MAX_NAME_LENGTH } from '../sessions/session-query';

export type WhyRequest =
  | { kind: 'why'; name: string; as: 'policy' | 'vm' | null }
  | { kind: 'usage'; message: string };

const WHY =
  /^why\b\s*(?:(?:did|does|do|is|was|has|have|are)\s+)?(?:the\s+)?(.*?)\s*(?:\b(?:keep|keeps|still)\s+)?(?:\b(?:fail|failed|fails|failing|break|broke|broken|error|errored)\b.*)?[?!.]*$/i;
const PRONOUNS = new Set([
  'it',
  'that',
  'this',
  'they',
  'them',
  'my',
  'our',
  'backup',
  'the backup',
  'my backup',
  '',
]);

export const WHY_USAGE =
  'Name the policy or VM: `why did Prod VMs fail`, `why web-01`, `why policy:"Prod VMs"`.';

/**
 * Reads "why did db-nightly fail?", "why web-01", `why policy:"Prod VMs" failed`; null when the text does
 * not ask why, so the caller reads it as a question. Time words after the verb are not a window: the
 * answer is always about the latest failure, and says which one it is.
 */
export function parseWhy(text: string): WhyRequest | null {
  const trimmed = text.trim();
  if (!/^why\b/i.test(trimmed)) return null;
  const m = WHY.exec(trimmed);
  let name = (m?.[1] ?? '').trim();
  let as: 'policy' | 'vm' | null = null;
  const keyed = /^(policy|vm)\s*[:=]\s*(.+)$/i.exec(name);
  if (keyed) {
    as = (keyed[1] as string).toLowerCase() as 'policy' | 'vm';
    name = keyed[2] as string;
  }
  // "the Finance Apps backup": the policy is "Finance Apps"; quotes keep a name as written.
  const quoted = /^["'“”](.*)["'“”]$/.exec(name);
  name = quoted
    ? (quoted[1] as string).trim()
    : name.replace(/\s+(?:backups?|snapshots?|jobs?|policy)$/i, '');
  if (PRONOUNS.has(name.toLowerCase())) return { kind: 'usage', message: WHY_USAGE };
  if (name.length > MAX_NAME_LENGTH)
    return { kind: 'usage', message: `That name is longer than ${MAX_NAME_LENGTH} characters. ${WHY_USAGE}` };
  return { kind: 'why', name, as };
}
