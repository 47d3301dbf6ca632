import type { Config } from './config/config';
import type { AnswerDeps } from './core/answers/answer-question';
import type { Logger } from './core/ports';
import { createHttpServer } from './http/server';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from './slack/slack-app';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from './veeam/simulator/simulator-server';
import { VeeamClient } from './veeam/veeam-client';

export type RunningApp = {
  url: string;
  veeam: VeeamClient;
  simulator: VeeamSimulator | null;
  slack: SlackApp | null;
  close: () => Promise<void>;
};

export type StartOptions = {
  /** Tests shorten the wait before "Looking up…" is shown. */
  placeholderAfterMs?: number;
};

/**
 * The composition root: Veeam client (or the embedded simulator behind it), then the one HTTP server.
 * Slack, Teams, the playground and the digest are mounted here as their issues land.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  const { veeam: vc } = config;
  let simulator: VeeamSimulator | null = null;
  let client: VeeamClient;
  if (vc.mode === 'simulator') {
    simulator = await startVeeamSimulator({
      seed: vc.seed,
      port: vc.port,
      faults: { latencyMs: vc.latencyMs },
    });
    logger.info('No VEEAM_URL set: using the embedded Veeam simulator', {
      url: simulator.url,
      sessions: simulator.sessions().length,
      policies: simulator.world.policies.length,
      vms: simulator.world.vms.length,
    });
    client = new VeeamClient({
      baseUrl: simulator.url,
      apiVersion: vc.apiVersion,
      username: DEFAULT_SIMULATOR_USER.username,
      password: DEFAULT_SIMULATOR_USER.password,
      logger,
    });
  } else {
    if (vc.insecure) {
      logger.warn(
        'VEEAM_TLS_INSECURE=true: the Veeam certificate is NOT checked. Anyone on the path can read the API password. Use VEEAM_CA_FILE instead outside a lab.',
      );
    }
    client = new VeeamClient({
      baseUrl: vc.url,
      apiVersion: vc.apiVersion,
      username: vc.username,
      password: vc.password,
      caPem: vc.caPem,
      insecure: vc.insecure,
      timeoutMs: vc.timeoutMs,
      logger,
    });
    logger.info('Using the Veeam appliance', { url: vc.url, apiVersion: vc.apiVersion, user: vc.username });
  }

  const answers: AnswerDeps = {
    source: client,
    apiVersion: config.veeam.apiVersion,
    pageSize: config.pageSize,
    veeamUrl: config.veeamUiUrl,
    now: () => new Date(),
    logger,
  };

  const http = createHttpServer(logger);
  let slack: SlackApp | null = null;
  if (config.slack) {
    slack = createSlackApp(config.slack, {
      answers,
      logger,
      defaultTimeZone: config.defaultTimeZone,
      ...(options.placeholderAfterMs !== undefined ? { placeholderAfterMs: options.placeholderAfterMs } : {}),
    });
    if (slack.requestListener) http.route('POST', SLACK_EVENTS_PATH, slack.requestListener);
    await slack.start();
    logger.info(
      config.slack.mode === 'socket'
        ? `Slack app on, in Socket Mode (command ${config.slack.command})`
        : `Slack app on: Slack sends to POST ${SLACK_EVENTS_PATH} (command ${config.slack.command})`,
    );
  } else {
    logger.info(
      'Slack app off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to turn it on',
    );
  }
  const url = await http.listen(config.port, config.host);
  http.setReady(true);
  logger.info(`sessions-bot is listening on ${url} (health: ${url}/healthz)`);

  return {
    url,
    veeam: client,
    simulator,
    slack,
    close: async () => {
      await slack?.stop();
      await http.close();
      client.close();
      await simulator?.close();
    },
  };
}
