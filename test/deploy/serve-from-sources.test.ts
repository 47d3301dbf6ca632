import { join } from 'node:path';
import { serveWithChatPlatformsOn } from '../support/chat-platforms-on';

// `npm start` runs the TypeScript sources through tsx's require hook, where the SDKs that load only when
// a platform is on once failed to load ("Cannot find module …/slack-app"): the in-process specs never see
// that path, so this one runs the bin as the README says.
describe('npm start (the sources through tsx)', () => {
  it('serves with Slack and Teams on and answers a slash command', async () => {
    const bot = await serveWithChatPlatformsOn(join(__dirname, '../../bin/sessions-bot'));
    try {
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      const answer = await bot.ask('failed today');
      expect(JSON.stringify(answer.body)).toContain('sessions.');
      const teams = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: '{}' });
      expect(teams.status).not.toBe(404);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
