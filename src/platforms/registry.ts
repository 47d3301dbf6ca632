import type { Config } from '../config/config';
import type { HttpServer } from '../http/server';
import { playgroundPlatform } from '../playground/playground-platform';
import { slackPlatform } from '../slack/slack-platform';
import { teamsPlatform } from '../teams/teams-platform';
import type { ChatPlatform, PlatformDeps, RunningPlatform } from './chat-platform';

/** A platform as main.ts sees it: whatever its settings, it opens when configured and says why not. */
export type RegisteredPlatform = {
  name: string;
  whenOff(config: Config): string;
  mountWhenOff?(http: HttpServer): void;
  /** Creates it when the configuration turns it on; null when it is off. */
  open(deps: PlatformDeps): Promise<RunningPlatform | null>;
};

export function register<S, H>(platform: ChatPlatform<S, H>): RegisteredPlatform {
  return {
    name: platform.name,
    whenOff: platform.whenOff,
    ...(platform.mountWhenOff ? { mountWhenOff: platform.mountWhenOff } : {}),
    open: async (deps) => {
      const settings = platform.settings(deps.config);
      return settings === null ? null : platform.create(settings, deps);
    },
  };
}

/** Every surface the bot can talk on. A new platform is one module and one line here. */
export const PLATFORMS: readonly RegisteredPlatform[] = [
  register(slackPlatform),
  register(teamsPlatform),
  register(playgroundPlatform),
];
