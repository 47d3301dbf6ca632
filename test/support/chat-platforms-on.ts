import { startFakeSlack } from '../fakes/slack-web-api';
import { startServeProcess } from './serve-process';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from './slack-requests';

/**
 * `<entry> serve` in a process of its own with Slack (HTTP mode, against a local fake Slack) and Teams
 * (open mode) switched on: what loads only when a platform is on gets loaded and used.
 */
export async function serveWithChatPlatformsOn(entry: string) {
  const slack = await startFakeSlack();
  const bot = await startServeProcess(entry, {
    SLACK_BOT_TOKEN: 'xoxb-serve',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    DATABASE_URL: ':memory:',
  }).catch(async (error) => {
    await slack.close();
    throw error;
  });
  return {
    url: bot.url,
    /** A signed `/sessions <text>`, resolved with what the bot posted to the response_url. */
    async ask(text: string) {
      const res = await postToSlackEndpoint(
        `${bot.url}/slack/events`,
        slashCommandBody({ text, responseUrl: slack.responseUrl('serve') }),
        FORM,
      );
      if (res.status !== 200) throw new Error(`HTTP ${res.status} from /slack/events`);
      return slack.waitFor(() => slack.responses.find((r) => r.id === 'serve' && 'blocks' in r.body), 15_000);
    },
    async stop() {
      bot.stop();
      await slack.close();
    },
  };
}
