import type { BotError, BotErrorCode } from '../errors';
import { buildUsageText } from '../query/usage';
import type { SessionVocabulary } from '../sessions/api-version';
import type { ErrorView, HelpView } from './sessions-view';

const TITLES: Record<BotErrorCode, string> = {
  USAGE: "I didn't understand that",
  NOT_FOUND: 'Not found',
  STALE_ACTION: 'That button no longer works',
  VEEAM_UNREACHABLE: 'Veeam is unreachable',
  VEEAM_TIMEOUT: 'Veeam did not answer in time',
  VEEAM_TLS: "Veeam's certificate is not trusted",
  VEEAM_AUTH: "Veeam refused the bot's login",
  VEEAM_MFA: "The bot's Veeam account has MFA turned on",
  VEEAM_FORBIDDEN: 'The bot may not read sessions',
  VEEAM_BAD_REQUEST: 'Veeam rejected the query',
  VEEAM_RATE_LIMITED: 'Veeam is busy',
  ASKER_RATE_LIMITED: 'One moment, please',
  VEEAM_SERVER_ERROR: 'Veeam had an internal error',
  VEEAM_BAD_RESPONSE: "Veeam's answer was not understood",
  VEEAM_PROXY: 'A proxy answered instead of Veeam',
  VEEAM_API_VERSION: 'Veeam does not serve that API version',
  INTERNAL: 'Something went wrong',
};

/** Failures that can pass by themselves, so a "Try again" button is worth showing. */
const TRANSIENT = new Set<BotErrorCode>([
  'ASKER_RATE_LIMITED',
  'VEEAM_UNREACHABLE',
  'VEEAM_TIMEOUT',
  'VEEAM_RATE_LIMITED',
  'VEEAM_SERVER_ERROR',
  'VEEAM_PROXY',
  'INTERNAL',
]);

export function buildErrorView(error: BotError, retryToken: string | null = null): ErrorView {
  return {
    kind: 'error',
    code: error.code,
    title: TITLES[error.code],
    message: error.userMessage,
    retryToken: TRANSIENT.has(error.code) ? retryToken : null,
  };
}

export function buildHelpView(vocabulary: SessionVocabulary, command: string): HelpView {
  return { kind: 'help', title: 'What I can tell you', text: buildUsageText(vocabulary, command) };
}
