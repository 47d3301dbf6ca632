import { AlertMessages } from '../alerts/alert-messages';
import { AlertPoller, type PollOutcome } from '../alerts/alert-poller';
import { AlertService } from '../alerts/alert-service';
import { readAlertsFile } from '../alerts/alerts-file';
import { type Config, ConfigError } from '../config/config';
import type { AlertSubscription } from '../core/alerts/alert-subscription';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { Logger, SessionsSource } from '../core/ports';
import type { AlertDelivery } from '../platforms/chat-platform';
import { AlertIncidentStore } from '../storage/alert-incident-store';
import { AlertLedger } from '../storage/alert-ledger';
import { AlertSubscriptionStore } from '../storage/alert-subscription-store';
import type { Database } from '../storage/open-database';

/** Pages of failures one poll may read (10,000 sessions) before it says it read only part. */
const MAX_POLL_PAGES = 100;

/** Alert subscriptions, the commands and buttons that change them, and the poller that posts alerts. */
export async function openAlerts(
  config: Config,
  deps: {
    answers: AnswerDeps;
    /** The appliance without the few seconds of call sharing the answers have. */
    source: SessionsSource;
    database: Database;
    logger: Logger;
    /** The running platform that posts a subscription's alerts, looked up at each poll. */
    deliveryFor: (platform: string) => AlertDelivery | undefined;
    onPoll?: (poll: PollOutcome) => void;
  },
): Promise<{ alerts: AlertService; poller: AlertPoller }> {
  const { answers } = deps;
  const subscriptions = new AlertSubscriptionStore(deps.database.db);
  const ledger = new AlertLedger(deps.database.db);
  const incidents = new AlertIncidentStore(deps.database.db);
  const messages = new AlertMessages({
    source: deps.source,
    incidents,
    tokens: answers.tokens,
    veeamUrl: answers.veeamUrl,
    now: answers.now,
    logger: deps.logger,
  });
  if (config.alerts.file) {
    let declared: AlertSubscription[];
    try {
      declared = readAlertsFile(config.alerts.file, {
        now: answers.now(),
        defaultTimeZone: config.defaultTimeZone,
        vocabulary: answers.source.vocabulary,
      });
    } catch (error) {
      throw new ConfigError([(error as Error).message]);
    }
    await subscriptions.replaceFileEntries(declared);
    deps.logger.info(`Alerts declared in ${config.alerts.file}: ${declared.length}`);
  }
  const alerts = new AlertService({
    answers,
    subscriptions,
    ledger,
    incidents,
    messages,
    alertsFile: config.alerts.file,
    pollSeconds: config.alerts.pollMs / 1000,
    canDeliver: (platform) => deps.deliveryFor(platform) !== undefined,
  });
  const poller = new AlertPoller({
    source: deps.source,
    subscriptions,
    ledger,
    incidents,
    messages,
    deliveryFor: deps.deliveryFor,
    logger: deps.logger,
    now: answers.now,
    instanceId: config.digests.instanceId,
    pollMs: config.alerts.pollMs,
    graceMs: config.alerts.graceMs,
    lookbackMs: config.alerts.lookbackMs,
    maxPages: MAX_POLL_PAGES,
    ...(deps.onPoll ? { onPoll: deps.onPoll } : {}),
  });
  return { alerts, poller };
}
