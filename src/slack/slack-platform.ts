import type { SlackConfig } from '../config/config';
import { ChannelUnreachable, type ChatPlatform } from '../platforms/chat-platform';
import { SeenRequestLedger } from '../storage/seen-request-ledger';
import type { SlackApp } from './slack-app';
import { SLACK_EVENTS_PATH } from './slack-endpoints';

/** Slack on Bolt: HTTP mode at POST /slack/events, or Socket Mode. */
export const slackPlatform: ChatPlatform<SlackConfig, SlackApp> = {
  name: 'slack',
  settings: (config) => config.slack,
  whenOff: () =>
    'Slack app off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to turn it on',
  async create(settings, deps) {
    // Bolt is large: loaded only when Slack is on.
    // require, not import(): under tsx's require hook (npm start from the sources) a dynamic import goes to
    // Node's ESM loader, which cannot resolve an extensionless .ts path.
    const { createSlackApp }: typeof import('./slack-app') = require('./slack-app');
    const slack = createSlackApp(settings, {
      answers: deps.answers,
      logger: deps.logger,
      defaultTimeZone: deps.config.defaultTimeZone,
      digests: deps.digests,
      alerts: deps.alerts,
      placeholderAfterMs: deps.timing.placeholderAfterMs,
      requestLedger: new SeenRequestLedger(deps.database.db),
    });
    return {
      handle: slack,
      mount(http) {
        if (slack.requestListener) http.route('POST', SLACK_EVENTS_PATH, slack.requestListener);
      },
      start: () => slack.start(),
      stop: () => slack.stop(),
      describe: (url) =>
        settings.mode === 'socket'
          ? `Slack app on, in Socket Mode (command ${settings.command})`
          : `Slack app on: Slack sends to POST ${url}${SLACK_EVENTS_PATH} (command ${settings.command})`,
      post: (subscription, view) => slack.postToChannel(subscription.channelId, view),
      alerts: {
        post: (channelId, view) => unreachableAs(() => slack.postToChannel(channelId, view)),
        reply: async (channelId, ts, view) => {
          await unreachableAs(() => slack.postToChannel(channelId, view, ts));
        },
        update: (channelId, ts, view) => unreachableAs(() => slack.updateMessage(channelId, ts, view)),
        tellPaused: async (channelId, userId, note) => {
          await slack.postToChannel(userId, {
            kind: 'notice',
            title: 'Alerts paused',
            text: `The alerts you turned on in <#${channelId}> are ${note}. Invite the bot there (or check the channel still exists), then say \`alerts on\` in it again.`,
          });
        },
      },
      // The channel itself is what fails, so its subscriber hears of it directly, in a DM.
      tellPaused: async (subscription, note) => {
        if (subscription.source !== 'chat') return;
        await slack.postToChannel(subscription.createdBy, {
          kind: 'notice',
          title: 'Digest paused',
          text: `The digest you set up in <#${subscription.channelId}> is ${note}. Invite the bot there (or check the channel still exists), then say \`digest daily …\` in it again.`,
        });
      },
    };
  },
};

/** Slack's answers that mean the bot cannot post to the channel at all: trying again does not help. */
const UNREACHABLE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'account_inactive',
  'restricted_action',
  'team_access_not_granted',
]);

async function unreachableAs<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && UNREACHABLE.has(code)) throw new ChannelUnreachable(`Slack answered ${code}`);
    throw error;
  }
}
