import type { Config } from '../config/config';
import type { ChatPlatform } from '../platforms/chat-platform';
import { type PlaygroundAccess, playgroundAccess } from './playground-access';
import { PlaygroundInbox } from './playground-inbox';
import { mountPlayground } from './playground-routes';

/** Who may open the playground, from PLAYGROUND, PLAYGROUND_TOKEN and what else is configured. */
function accessFor(config: Config): PlaygroundAccess {
  return playgroundAccess(config.playground, {
    chatConfigured: Boolean(config.slack || config.teams),
    realAppliance: config.veeam.mode === 'appliance',
    token: config.playgroundToken,
  });
}

/**
 * The playground: a page that asks the same conversation and draws both platforms' answers. Its digests
 * and alerts go to an in-memory channel the page shows.
 */
export const playgroundPlatform: ChatPlatform<PlaygroundAccess, PlaygroundInbox> = {
  name: 'playground',
  settings(config) {
    const access = accessFor(config);
    return access.scope === 'off' ? null : access;
  },
  whenOff: (config) => `Playground off: ${accessFor(config).reason}`,
  async create(access, deps) {
    const inbox = new PlaygroundInbox(deps.answers.now);
    return {
      handle: inbox,
      mount(http) {
        mountPlayground(
          http,
          access,
          {
            answers: deps.answers,
            digests: deps.digests,
            alerts: deps.alerts,
            inbox,
            simulator: deps.veeam.simulator,
            command: deps.config.slack?.command ?? '/sessions',
          },
          deps.logger,
        );
      },
      start: async () => {},
      stop: async () => {},
      describe: (url) => `Playground: ${url}/${access.token ? '?token=…' : ''} (${access.reason})`,
      post: async (_subscription, view) => inbox.post(view),
      // The playground's one channel shows alerts as they arrive, threads under their post.
      alerts: {
        post: async (_channel, view) => inbox.post(view),
        reply: async (_channel, messageId, view) => {
          inbox.post(view, messageId);
        },
        update: async (_channel, messageId, view) => {
          inbox.update(messageId, view);
        },
      },
    };
  },
};
