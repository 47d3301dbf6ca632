import type { ParseContext } from '../query/parse-session-query';
import { parseWindow } from '../query/parse-window';

export type ProtectionRequest =
  | { kind: 'unprotected' }
  /** VMs whose last backup is older than `sinceUtc`; `label` is how the window was said. */
  | { kind: 'rpo'; sinceUtc: string; label: string }
  | { kind: 'usage'; message: string };

const PROTECTION_USAGE =
  'Ask `unprotected VMs`, `which VMs have no successful backup in 24h` or `VMs without a restore point since Monday`.';

const VMS = '(?:vms?|virtual machines?|machines|servers)';
const ASK = '(?:(?:which|what|any|list|show|are there)(?: me)?(?: the| any)? )?';
const UNPROTECTED = new RegExp(
  `^${ASK}(?:${VMS} )?(?:are |is )?(?:unprotected|not protected|not backed up by any policy|in no policy|without (?:a |any )?(?:backup )?polic(?:y|ies))(?: ${VMS})?$`,
  'i',
);
const NO_BACKUP = new RegExp(
  `^${ASK}${VMS} (?:that )?(?:have |had |has |with |got |did |were |was |are )?(?:no|not|without|missing)(?: had| have| get| got)?(?: a| any)? (?:successful |good |recent |new )?(?:backups?|restore points?|snapshots?|backed up|protection)(?: succeed(?:ed)?)?(.*)$`,
  'i',
);
const RPO =
  /^(?:which |what |any |show |list )?(?:vms? )?(?:rpo|sla) ?(?:breach(?:es|ed)?|miss(?:es|ed)?|violations?|breakers?)(.*)$/i;
const BREACHED = new RegExp(
  `^${ASK}${VMS} (?:breached|missed|broke) (?:the |their |our )?(?:rpo|sla)(.*)$`,
  'i',
);

/** Without time words an RPO question asks about the last 24 hours, and the answer says so. */
const DEFAULT_RPO = 'last 24 hours';

/**
 * Reads "unprotected VMs", "which VMs have no successful backup in 24h", "VMs without a restore point
 * since Monday", "RPO breaches"; null for anything else. The window's start is the cut-off: a VM whose
 * last backup is older breaches it.
 */
export function parseProtection(text: string, context: ParseContext): ProtectionRequest | null {
  const t = text
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  if (UNPROTECTED.test(t)) return { kind: 'unprotected' };
  const m = NO_BACKUP.exec(t) ?? RPO.exec(t) ?? BREACHED.exec(t);
  if (!m) return null;
  // "in 24h", "for 2 days": the list parser reads "last 24 hours", "last 2 days".
  const rest = (m[1] ?? '')
    .trim()
    .replace(/^(?:in|for|within|during|over) (?:the )?(?:last |past )?(\d+ ?\w+)$/i, 'last $1');
  const window = parseWindow(rest, context, DEFAULT_RPO, PROTECTION_USAGE);
  if (window.kind === 'usage') return window;
  const q = window.query;
  if (q.name !== null || q.policy !== null || q.vm !== null || q.types.length > 0)
    return {
      kind: 'usage',
      message: `This covers every protected VM; leave the name out. ${PROTECTION_USAGE}`,
    };
  // A VM is listed by its last backup: "since" is the only window that question has.
  if (q.fromUtc === null || q.toUtc !== null)
    return {
      kind: 'usage',
      message: `Say since when (\`in 24h\`, \`since Monday\`): I list VMs whose last backup is older. ${PROTECTION_USAGE}`,
    };
  return { kind: 'rpo', sinceUtc: q.fromUtc, label: q.timeLabel ?? DEFAULT_RPO };
}
