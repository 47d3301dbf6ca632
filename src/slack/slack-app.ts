import type http from 'node:http';
import {
  App,
  type Logger as BoltLogger,
  HTTPReceiver,
  LogLevel,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { SlackConfig } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { AlertCommands } from '../core/conversation/handle-message';
import type { Logger } from '../core/ports';
import type { AnswerView } from '../core/view/sessions-view';
import type { DigestService } from '../digest/digest-service';
import { registerAppHome } from './listeners/app-home';
import { registerButtonActions } from './listeners/button-actions';
import { registerMentionsAndMessages } from './listeners/mentions-and-messages';
import { registerSessionsCommand } from './listeners/sessions-command';
import { renderAnswerBlockKit } from './render/render-sessions-block-kit';
import { createSlackRequestGuard, type RequestLedger } from './request-guard';
import type { SlackContext } from './slack-context';
import { SLACK_EVENTS_PATH } from './slack-endpoints';
import { UserTimeZones } from './user-time-zones';

export type SlackApp = {
  app: App;
  mode: SlackConfig['mode'] | 'custom';
  /** HTTP mode: mount on POST /slack/events of the bot's one server. */
  requestListener: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts to a channel (a digest, an alert; in a thread when `threadTs` is given) and returns the message ts. */
  postToChannel(channelId: string, view: AnswerView, threadTs?: string): Promise<string>;
  /** Replaces a message the bot posted (an alert, as its story goes on). */
  updateMessage(channelId: string, ts: string, view: AnswerView): Promise<void>;
};

export type SlackAppDeps = {
  answers: AnswerDeps;
  logger: Logger;
  defaultTimeZone: string;
  placeholderAfterMs?: number;
  digests?: DigestService | null;
  alerts?: AlertCommands | null;
  /** Tests drive the listeners through a receiver of their own. */
  receiver?: Receiver;
  /** Remembers verified requests across replicas, so a replay is refused by all of them. */
  requestLedger?: RequestLedger | null;
};

/**
 * What @slack/socket-mode logs as an error when Slack recycles the WebSocket under an ack: expected, and the
 * envelope comes again on the new connection (app.error below says so once per ack), so a warning.
 */
const SOCKET_REFRESH_NOISE =
  /^Failed to send a (WebSocket )?message as the client (has no active connection|is not (ready|connected))/;

/** Bolt logs through the bot's logger, so its lines are redacted like every other. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m) => logger.debug(`slack: ${m.map(String).join(' ')}`),
    info: (...m) => logger.info(`slack: ${m.map(String).join(' ')}`),
    warn: (...m) => logger.warn(`slack: ${m.map(String).join(' ')}`),
    error: (...m) => {
      const line = m.map(String).join(' ');
      if (SOCKET_REFRESH_NOISE.test(line)) logger.warn(`slack: ${line}`);
      else logger.error(`slack: ${line}`);
    },
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * The Slack half of the bot, on Bolt: HTTP mode on the shared server (signing secret), or Socket Mode
 * (app-level token, no public URL needed).
 */
export function createSlackApp(config: SlackConfig, deps: SlackAppDeps): SlackApp {
  const logger = boltLogger(deps.logger);
  let httpReceiver: HTTPReceiver | null = null;
  let socketReceiver: SocketModeReceiver | null = null;
  let receiver: Receiver;
  if (deps.receiver) {
    receiver = deps.receiver;
  } else if (config.mode === 'socket') {
    socketReceiver = new SocketModeReceiver({
      appToken: config.appToken ?? '',
      logger,
      // apps.connections.open goes where the other Web API calls go (SLACK_API_URL, for a proxy or a test).
      ...(config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {}),
    });
    receiver = socketReceiver;
  } else {
    httpReceiver = new HTTPReceiver({
      signingSecret: config.signingSecret ?? '',
      endpoints: SLACK_EVENTS_PATH,
      logger,
      // Ack as soon as a listener calls ack(): Slack wants an answer within 3 seconds.
      processBeforeResponse: false,
    });
    receiver = httpReceiver;
  }
  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    // Bolt would otherwise check the token with auth.test in the background, where a failure is an
    // unhandled rejection; start() checks it instead and says what is wrong.
    deferInitialization: true,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Honour 429 Retry-After, but give up after a few tries rather than queue for half an hour.
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
    },
  });
  app.error(async (error) => {
    // Bolt wraps what a listener throws (code slack_bolt_unknown_error, the SDK's error as `original`).
    const codes = [error.code, (error as { original?: { code?: string } }).original?.code];
    if (
      codes.some(
        (c) =>
          c === 'slack_socket_mode_send_while_not_ready_error' ||
          c === 'slack_socket_mode_send_while_disconnected_error',
      )
    ) {
      // The WebSocket closed under an ack (Slack recycles connections); Slack delivers the envelope again
      // on the new connection, where it is answered.
      deps.logger.warn(
        'Slack Socket Mode: could not ack, the connection was being replaced; Slack sends it again',
      );
      return;
    }
    deps.logger.error('Slack listener failed', { error });
  });

  const ctx: SlackContext = {
    config,
    answers: deps.answers,
    timeZones: new UserTimeZones(deps.defaultTimeZone, deps.logger),
    logger: deps.logger,
    placeholderAfterMs: deps.placeholderAfterMs ?? 1500,
    digests: deps.digests ?? null,
    alerts: deps.alerts ?? null,
  };
  registerSessionsCommand(app, ctx);
  registerButtonActions(app, ctx);
  registerMentionsAndMessages(app, ctx);
  registerAppHome(app, ctx);

  const guard = createSlackRequestGuard({
    signingSecret: config.signingSecret ?? '',
    logger: deps.logger,
    ledger: deps.requestLedger ?? null,
  });
  const requestListener = httpReceiver
    ? async (req: http.IncomingMessage, res: http.ServerResponse) => {
        const verdict = await guard(req);
        if (verdict.ok === 'answered') {
          res.writeHead(verdict.status).end();
        } else if (!verdict.ok) {
          deps.logger.warn('Refused a Slack request', { reason: verdict.reason });
          res.writeHead(verdict.status).end();
        } else {
          httpReceiver?.requestListener(req, res);
        }
      }
    : null;

  return {
    app,
    postToChannel: async (channelId, view, threadTs) => {
      const posted = await app.client.chat.postMessage({
        channel: channelId,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...renderAnswerBlockKit(view),
      });
      return posted.ts ?? '';
    },
    updateMessage: async (channelId, ts, view) => {
      await app.client.chat.update({ channel: channelId, ts, ...renderAnswerBlockKit(view) });
    },
    mode: deps.receiver ? 'custom' : config.mode,
    requestListener,
    // In HTTP mode the shared server does the listening; Bolt's own server is never started.
    start: async () => {
      try {
        await app.init();
      } catch (error) {
        throw new Error(
          `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${describeSlackError(error)})`,
          { cause: error },
        );
      }
      if (!httpReceiver) await app.start();
    },
    stop: async () => {
      if (socketReceiver) {
        // Bolt's stop() returns before the WebSocket's close handshake; wait for it (bounded), so Slack stops
        // routing to this process before it exits and no close timer outlives the app.
        await Promise.race([
          socketReceiver.client.disconnect(),
          new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
        ]);
      } else if (!httpReceiver) {
        await app.stop();
      }
    },
  };
}

function describeSlackError(error: unknown): string {
  const data = (error as { data?: { error?: string } } | null)?.data;
  if (data?.error) return data.error;
  return error instanceof Error ? error.message : String(error);
}
