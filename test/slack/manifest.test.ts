import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config';

const read = (name: string) => parse(readFileSync(join(__dirname, '../../manifests/slack', name), 'utf8'));

describe.each(['manifest.yaml', 'manifest.socket-mode.yaml'])('the Slack app manifest %s', (name) => {
  const manifest = read(name);

  it('offers the command the bot listens to by default', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      loadConfig({}).slack?.command ?? '/sessions',
    ]);
  });

  it('asks for the least scopes the listeners need, and subscribes to the events they handle', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
      'users:read',
    ]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('sends everything to the one /slack/events path, or uses Socket Mode', () => {
    if (manifest.settings.socket_mode_enabled) {
      expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
      return;
    }
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});
