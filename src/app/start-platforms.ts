import type { HttpServer } from '../http/server';
import type { PlatformDeps, RunningPlatform } from '../platforms/chat-platform';
import { PLATFORMS, type RegisteredPlatform } from '../platforms/registry';
import type { Closers } from './closers';

/**
 * Opens every configured platform on the one HTTP server, into `running` (which the digests read to
 * post); logs how to turn on each one that is off.
 */
export async function startPlatforms(
  http: HttpServer,
  deps: PlatformDeps,
  running: Map<string, RunningPlatform>,
  closers: Closers,
  platforms: readonly RegisteredPlatform[] = PLATFORMS,
): Promise<void> {
  for (const platform of platforms) {
    const started = await platform.open(deps);
    if (!started) {
      platform.mountWhenOff?.(http);
      deps.logger.info(platform.whenOff(deps.config));
      continue;
    }
    started.mount(http);
    await started.start();
    closers.add(() => started.stop());
    running.set(platform.name, started);
  }
}
