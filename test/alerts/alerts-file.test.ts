import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertHarness, quietPolicy, startAlertHarness, textOf } from '../support/alert-harness';
import { DATABASES } from '../support/databases';

const T0 = Date.parse('2026-12-03T06:00:00Z');
const [sqlite] = DATABASES;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'alerts-file-')), 'alerts.yaml');
  writeFileSync(path, text);
  return path;
}

/** ALERTS_FILE: alert subscriptions kept in git, listed with the chat-made ones, changed only in the file. */
describe('alerts declared in ALERTS_FILE', () => {
  let h: AlertHarness;
  beforeEach(async () => {
    h = await startAlertHarness(sqlite?.location() ?? { kind: 'sqlite', path: ':memory:' }, T0);
  });
  afterEach(() => h.close());

  it('alerts the declared channel, matching the policy by name, and says the file owns it', async () => {
    const policy = quietPolicy(h.sim, T0, 3);
    const bot = await h.replica('a', {
      ALERTS_FILE: file(
        `alerts:\n  - name: prod\n    platform: slack\n    channel: C7\n    filters: 'policy:"${policy.name.toUpperCase()}"'\n    timeZone: Europe/Berlin\n`,
      ),
    });
    const status = await h.command(bot, 'alerts status', { channelId: 'C7' });
    expect(textOf(status)).toMatch(/declared in .*alerts\.yaml/);
    h.clock.now += 10_000;
    await h.endedJustNow(policy.name, 'Error');
    h.clock.now += 5_000;
    await bot.alertPoller.pollOnce();
    expect(h.topLevel('C7').filter((c) => textOf(c.args).includes(`Failed: ${policy.name}`))).toHaveLength(1);
    const off = await h.command(bot, 'alerts off', { channelId: 'C7' });
    expect(textOf(off)).toContain('Declared in a file');
  });

  it.each([
    [
      'a filter the chat would refuse',
      "alerts:\n  - name: bad\n    platform: slack\n    channel: C7\n    filters: 'yesterday'\n",
      /"bad" are not understood/,
    ],
    ['an unknown platform', 'alerts:\n  - name: x\n    platform: irc\n    channel: C7\n', /platform: one of/],
    [
      'a name used twice',
      'alerts:\n  - {name: x, platform: slack, channel: C1}\n  - {name: x, platform: slack, channel: C2}\n',
      /used twice/,
    ],
  ])('stops the start on %s, naming the entry', async (_what, text, problem) => {
    await expect(h.replica('a', { ALERTS_FILE: file(text) })).rejects.toThrow(problem);
  });
});
