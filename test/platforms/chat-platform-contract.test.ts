import type { RunningApp } from '../../src/main';
import { PLATFORMS, register } from '../../src/platforms/registry';
import { makeSubscription } from '../factories/digests';
import { startBotForTest } from '../support/start-bot';
import { type TextAnswer, textPlatform } from './text-platform';

// A platform written only against the contract, registered beside the real ones: a question, a page
// click, help, a refusal and `digest now` all work through it, and the digest scheduler posts through it.

describe('a minimal text-only platform, registered with one line', () => {
  let app: RunningApp;
  const posted: { channelId: string; text: string }[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    app = await startBotForTest(
      {},
      {
        platforms: [...PLATFORMS, register(textPlatform(posted))],
        logLines,
        logLevel: 'info',
        startScheduler: false,
      },
    );
  });
  afterAll(() => app?.close());

  const say = async (path: string, body: Record<string, unknown>): Promise<TextAnswer> => {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as TextAnswer;
  };

  it('says where it listens, like the real ones', () => {
    expect(logLines.join('\n')).toContain(`Text platform at ${app.url}/text/messages`);
  });

  it('answers a question for the conversation, and its next page in place', async () => {
    const first = await say('/text/messages', { user: 'ana', text: 'failed last 7 days' });
    expect(first.text).toMatch(/^Failed sessions · last 7 days/);
    expect(first.visibleTo).toBe('channel');
    if (!first.next) throw new Error('the simulator has more than a page of failures in a week');
    const second = await say('/text/actions', { user: 'ana', token: first.next });
    expect(second.visibleTo).toBe('in place');
    expect(second.text).toMatch(/^Failed sessions · last 7 days/);
    expect(second.text).not.toEqual(first.text);
  });

  it('answers help and a word it does not know to the asker', async () => {
    const help = await say('/text/messages', { user: 'ana', text: 'help' });
    expect(help.visibleTo).toBe('asker');
    expect(help.text).toMatch(/failed today/);
    const unknown = await say('/text/messages', { user: 'ana', text: 'zork' });
    expect(unknown.text).toMatch(/I don't know "zork"/);
  });

  it('refuses whoever its access predicate refuses, in the same words as everywhere', async () => {
    const refused = await say('/text/messages', { user: 'stranger', text: 'failed today' });
    expect(refused.text).toBe(
      "Sorry, I'm not enabled for you here. If you need me, ask whoever runs sessions-bot to allow this text room.",
    );
  });

  it('answers `digest now` with a digest, and the scheduler posts a subscription through it', async () => {
    const now = await say('/text/messages', { user: 'ana', text: 'digest now' });
    expect(now.visibleTo).toBe('channel');
    expect(now.text).toMatch(/^Backup digest/);
    const on = await say('/text/messages', { user: 'ana', text: 'digest daily 08:00' });
    expect(on.text).toMatch(/Digest on/);
    // What the scheduler does when the slot is due: the service finds the text platform by name.
    const id = await app.digests.post(makeSubscription('text', 'room-1', 'ana'), new Date(), false);
    expect(id).toBe('text-1');
    expect(posted).toEqual([{ channelId: 'room-1', text: expect.stringMatching(/^Backup digest/) }]);
  });
});
