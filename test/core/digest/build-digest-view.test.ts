import { buildDigestView } from '../../../src/core/digest/build-digest-view';
import { digestViewContext, makeDigestData } from '../../factories/digests';

const context = digestViewContext();

describe('what a digest adds beyond its counts', () => {
  it('names the policies failing days in a row and the VMs with no backup in 24 hours', () => {
    expect(buildDigestView(makeDigestData({ findings: true }), context).findings).toEqual([
      'Prod VMs: 4th day failing in a row (since Sat 28 Nov).',
      '1 VM with no backup in 24 hours: db-07.',
    ]);
  });

  it('says a streak may be missing when the week had more failures than it read', () => {
    const data = { ...makeDigestData({ findings: true }), streaksComplete: false };
    expect(buildDigestView(data, context).findings).toContainEqual(
      expect.stringContaining('a streak may be missing'),
    );
  });

  it('names five VMs and counts the rest', () => {
    const data = makeDigestData({ findings: true });
    const vm = (n: number) => ({ id: `vm${n}`, name: `vm-${n}`, resourceGroup: null, lastBackup: null });
    const stale = Array.from({ length: 7 }, (_, n) => vm(n));
    const view = buildDigestView(
      { ...data, staleVms: { ...(data.staleVms as object), stale } as typeof data.staleVms },
      context,
    );
    expect(view.findings).toContain(
      '7 VMs with no backup in 24 hours: vm-0, vm-1, vm-2, vm-3, vm-4 and 2 more.',
    );
  });

  it('says nothing more on a quiet day', () => {
    expect(buildDigestView(makeDigestData(), context).findings).toEqual([]);
  });
});
