import { startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from './slack-requests';

/**
 * A local Slack for a bot in another process, with Slack (HTTP mode) and Teams (open mode) switched on:
 * what loads only when a platform is on gets loaded and used.
 */
export async function chatPlatformsOn() {
  const slack = await startFakeSlack();
  return {
    env: {
      SLACK_BOT_TOKEN: 'xoxb-serve',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      DATABASE_URL: ':memory:',
    },
    /** A signed `/sessions <text>` to the bot at `url`, resolved with what it posted to the response_url. */
    async ask(url: string, text: string) {
      const res = await postToSlackEndpoint(
        `${url}/slack/events`,
        slashCommandBody({ text, responseUrl: slack.responseUrl('serve') }),
        FORM,
      );
      if (res.status !== 200) throw new Error(`HTTP ${res.status} from /slack/events`);
      return slack.waitFor(() => slack.responses.find((r) => r.id === 'serve' && 'blocks' in r.body), 15_000);
    },
    close: () => slack.close(),
  };
}
