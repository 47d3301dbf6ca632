import type { Config } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import { createAskerLimits } from '../core/answers/asker-limits';
import type { Logger, SessionsSource } from '../core/ports';
import { createButtonTokens } from '../core/view/page-token';
import type { Metrics } from '../observability/metrics';

/** What every answer needs, on every platform: the source, the page size, the button keys, the audit. */
export function createAnswerDeps(
  config: Config,
  deps: { source: SessionsSource; metrics: Metrics; logger: Logger; now?: (() => Date) | undefined },
): AnswerDeps {
  const { source, metrics, logger } = deps;
  const { buttons } = config;
  logger.info(
    buttons.source === 'none'
      ? 'Buttons are signed with a key made at start: set BUTTON_SIGNING_KEY so they survive a restart and work on every replica'
      : `Buttons are signed with ${buttons.source === 'BUTTON_SIGNING_KEY' ? 'BUTTON_SIGNING_KEY' : `a key derived from ${buttons.source}`}`,
  );
  return {
    // With VEEAM_API_VERSION=auto the source's vocabulary is known once the appliance has been asked.
    source,
    pageSize: config.pageSize,
    defaultLocale: config.defaultLocale,
    veeamUrl: config.veeamUiUrl,
    now: deps.now ?? (() => new Date()),
    logger,
    tokens: createButtonTokens(buttons, () => source.vocabulary),
    limits: createAskerLimits(config.rateLimit),
    audit: (event) => {
      metrics.recordAnswer(event);
      logger.info('Answered', { audit: event });
    },
  };
}
