import { type Config, ConfigError } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { DigestSubscription } from '../core/digest/digest-subscription';
import type { Logger } from '../core/ports';
import { type DigestPoster, DigestService } from '../digest/digest-service';
import { readDigestsFile } from '../digest/digests-file';
import type { Metrics } from '../observability/metrics';
import { DigestScheduler } from '../scheduling/digest-scheduler';
import { DigestLedger } from '../storage/digest-ledger';
import { DigestSubscriptionStore } from '../storage/digest-subscription-store';
import type { Database } from '../storage/open-database';

export type DigestPlatforms = {
  /** The running platform that posts a subscription's digests, looked up when one is due. */
  posterFor(platform: string): DigestPoster | undefined;
  tellPaused(subscription: DigestSubscription, note: string): Promise<void>;
};

/** Digest subscriptions (chat-made and declared in DIGESTS_FILE), the service and its scheduler. */
export async function openDigests(
  config: Config,
  deps: {
    answers: AnswerDeps;
    database: Database;
    logger: Logger;
    metrics: Metrics;
    platforms: DigestPlatforms;
    retryDelaysMs?: number[] | undefined;
  },
): Promise<{ digests: DigestService; scheduler: DigestScheduler }> {
  const { answers, logger } = deps;
  const subscriptions = new DigestSubscriptionStore(deps.database.db);
  const ledger = new DigestLedger(deps.database.db);
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
  const digests = new DigestService({
    answers,
    subscriptions,
    ledger,
    posterFor: (platform) => deps.platforms.posterFor(platform),
    digestsFile: config.digests.file,
    maxPerUser: config.digests.maxPerUser,
  });
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
    retryDelaysMs: deps.retryDelaysMs ?? [5_000, 30_000, 120_000],
    onOutcome: (outcome) => deps.metrics.recordDigest(outcome),
    onPaused: (subscription, note) => {
      void deps.platforms
        .tellPaused(subscription, note)
        .catch((error) => logger.warn('Could not tell the subscriber of a paused digest', { error }));
    },
  });
  return { digests, scheduler };
}
