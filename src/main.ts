import { openAlerts } from './app/alerts';
import { createAnswerDeps } from './app/answer-deps';
import { Closers } from './app/closers';
import { openDigests } from './app/digests';
import type { RunningApp, StartOptions } from './app/running-app';
import { startPlatforms } from './app/start-platforms';
import type { Config } from './config/config';
import type { Logger } from './core/ports';
import { createHttpServer } from './http/server';
import { createMetrics } from './observability/metrics';
import { mountOperationsRoutes, readinessOf, veeamAnswers } from './observability/operations-routes';
import type { RunningPlatform } from './platforms/chat-platform';
import type { SlackApp } from './slack/slack-app';
import { openDatabase } from './storage/open-database';
import type { TeamsApp } from './teams/teams-app';
import { openVeeam } from './veeam/veeam-source';

export type { RunningApp, StartOptions } from './app/running-app';

/** The composition root: Veeam, the database, digests, then every configured platform on one HTTP server. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  const closers = new Closers();
  try {
    const metrics = createMetrics();
    const veeam = await openVeeam(config.veeam, {
      logger,
      simulatorPort: 'configured',
      askVersionAtOpen: true,
      onResponse: (outcome) => metrics.recordVeeamResponse(outcome),
      onBreakerChange: (state) => metrics.setCircuitOpen(state === 'open'),
    });
    closers.add(() => veeam.close());
    metrics.watchLogins(() => veeam.client.tokens.counts);
    const answers = createAnswerDeps(config, { source: veeam.source, metrics, logger, now: options.now });
    const database = await openDatabase(config.database);
    closers.add(() => database.close());
    logger.info(`Database: ${database.describe}`);

    // Digests are posted by whichever platform their subscription names, looked up when one is due.
    const running = new Map<string, RunningPlatform>();
    const { digests, scheduler } = await openDigests(config, {
      answers,
      database,
      logger,
      metrics,
      retryDelaysMs: options.digestRetryDelaysMs,
      platforms: {
        posterFor: (name) => running.get(name)?.post,
        tellPaused: async (subscription, note) =>
          running.get(subscription.platform)?.tellPaused?.(subscription, note),
      },
    });

    const { alerts, poller } = await openAlerts(config, {
      answers,
      source: veeam.fresh,
      onPoll: (poll) => metrics.recordAlertPoll(poll),
      database,
      logger,
      deliveryFor: (name) => running.get(name)?.alerts,
    });

    const http = createHttpServer(logger);
    const timing = { placeholderAfterMs: options.placeholderAfterMs, invokeBudgetMs: options.invokeBudgetMs };
    const extras = { teamsCredentials: options.teamsCredentials };
    await startPlatforms(
      http,
      { config, answers, logger, digests, alerts, database, veeam, timing, extras },
      running,
      closers,
      options.platforms,
    );
    if (options.startScheduler !== false) scheduler.start();
    closers.add(() => scheduler.stop());
    if (options.startAlertPoller !== false) poller.start();
    closers.add(() => poller.stop());

    const readiness = readinessOf({ veeam: veeamAnswers(veeam.client), database: () => database.ping() });
    mountOperationsRoutes(http, { metrics, metricsToken: config.metricsToken, readiness });
    const url = await http.listen(config.port, config.host);
    closers.add(() => http.close());
    http.setReady(true);
    for (const platform of running.values()) logger.info(platform.describe(url));
    logger.info(`sessions-bot is listening on ${url} (health: ${url}/healthz)`);
    return {
      url,
      veeam: veeam.client,
      simulator: veeam.simulator,
      // The two platforms' own objects, for what only they do (tests reach Bolt and the Teams references).
      slack: (running.get('slack')?.handle as SlackApp | undefined) ?? null,
      teams: (running.get('teams')?.handle as TeamsApp | undefined) ?? null,
      database,
      digests,
      scheduler,
      alerts,
      alertPoller: poller,
      metrics,
      close: () => closers.closeAll(),
    };
  } catch (error) {
    await closers.closeAll().catch(() => {
      // Already failing; the first error is the one to report.
    });
    throw error;
  }
}
