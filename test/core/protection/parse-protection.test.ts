import { parseProtection } from '../../../src/core/protection/parse-protection';
import { ANSWER_PARSE_CONTEXT } from '../../factories/sessions';

/** Thu 3 Dec 2026 13:00 in Berlin. */
const ctx = ANSWER_PARSE_CONTEXT;

describe('reading protection questions', () => {
  it.each([
    'unprotected VMs',
    'which VMs are not protected?',
    'list unprotected virtual machines',
    'any VMs without a backup policy',
  ])('%s asks for the unprotected VMs', (text) => {
    expect(parseProtection(text, ctx)).toEqual({ kind: 'unprotected' });
  });

  it.each([
    ['which VMs have no successful backup in 24h', '2026-12-02T12:00:00Z', 'last 24 hours'],
    ['VMs without a restore point since Monday', '2026-11-29T23:00:00Z', 'since Mon 30 Nov 2026'],
    ['which VMs have no backup in the last 2 days', '2026-12-01T12:00:00Z', 'last 2 days'],
    ['vms with no backup for 2 days', '2026-12-01T12:00:00Z', 'last 2 days'],
    ['vms not backed up in 48h', '2026-12-01T12:00:00Z', 'last 48 hours'],
    ['which VMs were not backed up today', '2026-12-02T23:00:00Z', 'today'],
    ['RPO breaches', '2026-12-02T12:00:00Z', 'last 24 hours'],
    ['which VMs missed the RPO this week', '2026-11-29T23:00:00Z', 'this week'],
  ])('%s: a last backup before %s breaches', (text, sinceUtc, label) => {
    expect(parseProtection(text, ctx)).toEqual({ kind: 'rpo', sinceUtc, label });
  });

  it.each([
    ['any vms without backups yesterday', 'Say since when'],
    ['which vms have no backup of Prod VMs', 'leave the name out'],
    ['which vms have no backup since blorp', 'I don\'t know "blorp"'],
  ])('refuses %s, saying why', (text, says) => {
    const r = parseProtection(text, ctx);
    expect(r?.kind).toBe('usage');
    expect(r && 'message' in r ? r.message : '').toContain(says);
  });

  it.each(['failed today', 'which VMs failed', 'backups of web-01 this week', 'protected VMs'])(
    'leaves %s to the other questions',
    (text) => {
      expect(parseProtection(text, ctx)).toBeNull();
    },
  );
});
