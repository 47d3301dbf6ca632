import { parseWhy, WHY_USAGE } from '../../../src/core/why/parse-why';

describe('why questions', () => {
  it.each([
    ['why did db-nightly fail', { name: 'db-nightly', as: null }],
    ['why did db-nightly fail?', { name: 'db-nightly', as: null }],
    ['Why did Prod VMs fail last night?', { name: 'Prod VMs', as: null }],
    ['why web-01', { name: 'web-01', as: null }],
    ['why is web-01 failing', { name: 'web-01', as: null }],
    ['why does web-01 keep failing', { name: 'web-01', as: null }],
    ['why did the Finance Apps backup fail', { name: 'Finance Apps', as: null }],
    ['why did "Nightly backup" fail', { name: 'Nightly backup', as: null }],
    ['why policy:"Prod VMs"', { name: 'Prod VMs', as: 'policy' }],
    ['why did vm:web-01 fail', { name: 'web-01', as: 'vm' }],
    ['why "HR Systems" failed', { name: 'HR Systems', as: null }],
  ])('%s → %j', (text, expected) => {
    expect(parseWhy(text)).toEqual({ kind: 'why', ...expected });
  });

  it.each(['why', 'why did it fail', 'why did that fail?', 'why did my backup fail'])(
    '%s asks which policy or VM',
    (text) => {
      expect(parseWhy(text)).toEqual({ kind: 'usage', message: WHY_USAGE });
    },
  );

  it.each(['failed today', 'whyever', 'what failed and why'])('leaves %s to the question parser', (text) => {
    expect(parseWhy(text)).toBeNull();
  });
});
