import { type Config, ConfigError } from './config/config';
import type { AnswerDeps } from './core/answers/answer-question';
import { createAskerLimits } from './core/answers/asker-limits';
import type { DigestPlatform } from './core/digest/digest-subscription';
import { toBotError } from './core/errors';
import type { Logger } from './core/ports';
import { createButtonTokens } from './core/view/page-token';
import { type DigestPoster, DigestService } from './digest/digest-service';
import { readDigestsFile } from './digest/digests-file';
import { bearerMatches } from './http/bearer-token';
import { createHttpServer } from './http/server';
import { createMetrics, type Metrics } from './observability/metrics';
import { playgroundAccess } from './playground/playground-access';
import { PlaygroundInbox } from './playground/playground-inbox';
import { mountPlayground } from './playground/playground-routes';
import { DigestScheduler } from './scheduling/digest-scheduler';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from './slack/slack-app';
import { ConversationReferenceStore } from './storage/conversation-reference-store';
import { DigestLedger } from './storage/digest-ledger';
import { DigestSubscriptionStore } from './storage/digest-subscription-store';
import { type Database, openDatabase } from './storage/open-database';
import { SeenRequestLedger } from './storage/seen-request-ledger';
import {
  InMemoryConversationReferences,
  StoredConversationReferences,
} from './teams/conversation-references';
import {
  createTeamsApp,
  TEAMS_MESSAGES_PATH,
  type TeamsApp,
  type TeamsCredentialsFactory,
} from './teams/teams-app';
import type { VeeamSimulator } from './veeam/simulator/simulator-server';
import type { VeeamClient } from './veeam/veeam-client';
import { openVeeam } from './veeam/veeam-source';

export type RunningApp = {
  url: string;
  veeam: VeeamClient;
  simulator: VeeamSimulator | null;
  slack: SlackApp | null;
  teams: TeamsApp | null;
  database: Database;
  digests: DigestService;
  scheduler: DigestScheduler;
  metrics: Metrics;
  close: () => Promise<void>;
};

export type StartOptions = {
  /** Tests shorten the wait before "Looking up…" is shown. */
  placeholderAfterMs?: number;
  /** Tests shorten how long a Teams button may take before "Looking up…" is returned. */
  invokeBudgetMs?: number;
  /** Tests set the clock the scheduler and the answers read. */
  now?: () => Date;
  /** Tests tick the scheduler themselves. */
  startScheduler?: boolean;
  /** Tests shorten the waits between digest delivery attempts. */
  digestRetryDelaysMs?: number[];
  /** Tests stand in for Microsoft Entra, which issues the bot's outbound Teams tokens. */
  teamsCredentials?: TeamsCredentialsFactory;
};

/**
 * The composition root: Veeam client (or the embedded simulator behind it), then the one HTTP server.
 * Slack, Teams, the playground, the digest scheduler and the metrics are mounted here.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  // Everything opened is listed as it opens: a failed start closes what it had, and close() all of it.
  const opened: (() => unknown)[] = [];
  try {
    return await assemble(config, logger, options, opened);
  } catch (error) {
    await closeAll(opened).catch(() => {
      // Already failing; the first error is the one to report.
    });
    throw error;
  }
}

/** Closes in the reverse order of opening; every closer runs, and the first failure is rethrown. */
async function closeAll(opened: (() => unknown)[]): Promise<void> {
  let first: unknown = null;
  for (const close of [...opened].reverse()) {
    try {
      await close();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== null) throw first;
}

async function assemble(
  config: Config,
  logger: Logger,
  options: StartOptions,
  opened: (() => unknown)[],
): Promise<RunningApp> {
  const metrics = createMetrics();
  const veeam = await openVeeam(config.veeam, {
    logger,
    simulatorPort: 'configured',
    onResponse: (outcome) => metrics.recordVeeamResponse(outcome),
    onBreakerChange: (state) => metrics.setCircuitOpen(state === 'open'),
  });
  opened.push(() => veeam.close());
  const { client, simulator, source } = veeam;
  metrics.watchLogins(() => client.tokens.counts);
  const answers: AnswerDeps = {
    // With VEEAM_API_VERSION=auto the source's vocabulary is known once the appliance has been asked.
    source,
    pageSize: config.pageSize,
    defaultLocale: config.defaultLocale,
    veeamUrl: config.veeamUiUrl,
    now: options.now ?? (() => new Date()),
    logger,
    tokens: createButtonTokens(config.buttons, () => source.vocabulary),
    limits: createAskerLimits(config.rateLimit),
    audit: (event) => {
      metrics.recordAnswer(event);
      logger.info('Answered', { audit: event });
    },
  };

  if (config.buttons.source === 'none')
    logger.info(
      'Buttons are signed with a key made at start: set BUTTON_SIGNING_KEY so they survive a restart and work on every replica',
    );
  else
    logger.info(
      `Buttons are signed with ${config.buttons.source === 'BUTTON_SIGNING_KEY' ? 'BUTTON_SIGNING_KEY' : `a key derived from ${config.buttons.source}`}`,
    );
  const database = await openDatabase(config.database);
  opened.push(() => database.close());
  logger.info(`Database: ${database.describe}`);
  const subscriptions = new DigestSubscriptionStore(database.db);
  const ledger = new DigestLedger(database.db);
  if (config.digests.file) {
    let declared: ReturnType<typeof readDigestsFile>;
    try {
      declared = readDigestsFile(config.digests.file, answers.now());
    } catch (error) {
      throw new ConfigError([(error as Error).message]);
    }
    await subscriptions.replaceFileEntries(declared);
    logger.info(`Digests declared in ${config.digests.file}: ${declared.length}`);
  }
  const posters: Partial<Record<DigestPlatform, DigestPoster>> = {};
  const digests = new DigestService({
    answers,
    subscriptions,
    ledger,
    posters,
    digestsFile: config.digests.file,
    maxPerUser: config.digests.maxPerUser,
  });

  const http = createHttpServer(logger);
  /**
   * Veeam answering a real question (one session, `Limit=1`: a cached login token alone says nothing of
   * an outage), database answering; kept for a few seconds so probes stay cheap.
   */
  let lastReadiness: { at: number; checks: Promise<Record<string, string>> } | null = null;
  const readiness = () => {
    if (!lastReadiness || Date.now() - lastReadiness.at > 5_000) {
      lastReadiness = {
        at: Date.now(),
        checks: (async () => {
          const [veeam, db] = await Promise.allSettled([
            client.listSessions(
              { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null },
              { offset: 0, limit: 1 },
            ),
            database.ping(),
          ]);
          const say = (r: PromiseSettledResult<unknown>) =>
            r.status === 'fulfilled' ? 'ok' : toBotError(r.reason).userMessage;
          return { veeam: say(veeam), database: say(db) };
        })(),
      };
    }
    return lastReadiness.checks;
  };
  let slack: SlackApp | null = null;
  if (config.slack) {
    slack = createSlackApp(config.slack, {
      answers,
      logger,
      defaultTimeZone: config.defaultTimeZone,
      digests,
      placeholderAfterMs: options.placeholderAfterMs,
      requestLedger: new SeenRequestLedger(database.db),
    });
    const slackApp = slack;
    posters.slack = (subscription, view) => slackApp.postToChannel(subscription.channelId, view);
    if (slack.requestListener) http.route('POST', SLACK_EVENTS_PATH, slack.requestListener);
    await slack.start();
    opened.push(() => slackApp.stop());
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
  let teams: TeamsApp | null = null;
  if (config.teams) {
    teams = createTeamsApp(config.teams, {
      answers,
      logger,
      defaultTimeZone: config.defaultTimeZone,
      // Open mode proves nobody's identity: it keeps no conversation in the database and takes no digests.
      digests: config.teams.mode === 'open' ? null : digests,
      references:
        config.teams.mode === 'open'
          ? new InMemoryConversationReferences(1_000)
          : new StoredConversationReferences(new ConversationReferenceStore(database.db, 'teams')),
      placeholderAfterMs: options.placeholderAfterMs,
      invokeBudgetMs: options.invokeBudgetMs,
      credentialsFactory: options.teamsCredentials,
    });
    const teamsApp = teams;
    posters.teams = async (subscription, view) => {
      const id = await teamsApp.postToConversation(subscription.channelId, view).catch(async (error) => {
        // 403 BotNotInConversationRoster: the app was removed while the bot was not told.
        if ((error as { statusCode?: number }).statusCode === 403) {
          await teamsApp.references.remove(subscription.channelId);
          await digests.endForConversation(
            'teams',
            subscription.channelId,
            'Teams answered 403: the bot is not in it',
          );
        }
        throw error;
      });
      if (id === null)
        throw new Error(
          `the bot has not been in Teams conversation ${subscription.channelId} since it started keeping references`,
        );
      return id;
    };
    http.route('POST', TEAMS_MESSAGES_PATH, teams.requestListener);
    if (config.teams.mode === 'open') {
      logger.warn(
        `TEAMS_ALLOW_UNAUTHENTICATED=true: POST ${TEAMS_MESSAGES_PATH} accepts requests WITHOUT checking who sent them. For the Bot Framework Emulator and local tests only: it answers activities whose serviceUrl is on this machine only, stores no conversation and takes no digests. Never expose this port.`,
      );
    } else {
      logger.info(
        `Teams bot on: POST ${TEAMS_MESSAGES_PATH} (app ${config.teams.appId}, ${config.teams.appType})`,
      );
    }
  } else {
    http.route('POST', TEAMS_MESSAGES_PATH, (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error:
            'The Teams bot is off: set MICROSOFT_APP_ID (or TEAMS_ALLOW_UNAUTHENTICATED=true for the Emulator).',
        }),
      );
    });
    logger.info(
      'Teams bot off: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on',
    );
  }

  const scheduler = new DigestScheduler({
    subscriptions,
    ledger,
    post: (subscription, slot, late) => digests.post(subscription, slot, late),
    logger,
    instanceId: config.digests.instanceId,
    now: answers.now,
    graceMs: config.digests.graceMs,
    leaseMs: config.digests.leaseMs,
    tickMs: config.digests.tickMs,
    retryDelaysMs: options.digestRetryDelaysMs ?? [5_000, 30_000, 120_000],
    onOutcome: (outcome) => metrics.recordDigest(outcome),
    // The channel itself is what fails, so its subscriber hears of it directly where the platform allows.
    onPaused: (subscription, note) => {
      const slackPoster = posters.slack;
      if (subscription.platform !== 'slack' || !slackPoster || subscription.source !== 'chat') return;
      const text = `The digest you set up in <#${subscription.channelId}> is ${note}. Invite the bot there (or check the channel still exists), then say \`digest daily …\` in it again.`;
      void slackPoster(
        { ...subscription, channelId: subscription.createdBy },
        {
          kind: 'notice',
          title: 'Digest paused',
          text,
        },
      ).catch((error) => logger.warn('Could not tell the subscriber of a paused digest', { error }));
    },
  });
  if (options.startScheduler !== false) scheduler.start();
  opened.push(() => scheduler.stop());

  const playground = playgroundAccess(config.playground, {
    chatConfigured: Boolean(config.slack || config.teams),
    realAppliance: config.veeam.mode === 'appliance',
    token: config.playgroundToken,
  });
  const inbox = new PlaygroundInbox(answers.now);
  posters.playground = async (_subscription, view) => inbox.post(view);
  mountPlayground(
    http,
    playground,
    { answers, digests, inbox, simulator, command: config.slack?.command ?? '/sessions' },
    logger,
  );

  http.route('GET', '/metrics', async (req, res) => {
    if (config.metricsToken && !bearerMatches(req.headers.authorization, config.metricsToken)) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'METRICS_TOKEN required' }));
      return;
    }
    res
      .writeHead(200, { 'content-type': metrics.registry.contentType })
      .end(await metrics.registry.metrics());
  });
  http.route('GET', '/readyz', async (_req, res) => {
    const checks = await readiness();
    const ok = Object.values(checks).every((c) => c === 'ok');
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ready' : 'not ready', checks }));
  });

  const url = await http.listen(config.port, config.host);
  opened.push(() => http.close());
  http.setReady(true);
  logger.info(`sessions-bot is listening on ${url} (health: ${url}/healthz)`);
  if (playground.scope === 'off') logger.info(`Playground off: ${playground.reason}`);
  else logger.info(`Playground: ${url}/${playground.token ? '?token=…' : ''} (${playground.reason})`);

  return {
    url,
    veeam: client,
    simulator,
    slack,
    teams,
    database,
    digests,
    scheduler,
    metrics,
    close: () => closeAll(opened),
  };
}
