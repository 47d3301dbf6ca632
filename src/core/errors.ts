/**
 * One error type for everything the bot can tell a user went wrong. The code is stable (tests, logs and
 * renderers key on it); the message is plain words with what to do, never a stack trace or a secret.
 */
export type BotErrorCode =
  | 'USAGE'
  | 'NOT_FOUND'
  | 'STALE_ACTION'
  | 'VEEAM_UNREACHABLE'
  | 'VEEAM_TIMEOUT'
  | 'VEEAM_TLS'
  | 'VEEAM_AUTH'
  | 'VEEAM_MFA'
  | 'VEEAM_FORBIDDEN'
  | 'VEEAM_BAD_REQUEST'
  | 'VEEAM_RATE_LIMITED'
  | 'ASKER_RATE_LIMITED'
  | 'VEEAM_SERVER_ERROR'
  | 'VEEAM_BAD_RESPONSE'
  | 'VEEAM_PROXY'
  | 'VEEAM_API_VERSION'
  | 'INTERNAL';

const DEFAULT_MESSAGES: Record<BotErrorCode, string> = {
  USAGE: 'I did not understand that. Try `help` for examples.',
  NOT_FOUND: 'Nothing was found by that name or id.',
  STALE_ACTION: 'That button no longer works. Please ask again.',
  VEEAM_UNREACHABLE:
    'I cannot reach the Veeam Backup for Microsoft Azure appliance. Check that it is running and that VEEAM_URL points at it.',
  VEEAM_TIMEOUT: 'The Veeam appliance did not answer in time. It may be busy; try again in a minute.',
  VEEAM_TLS:
    "The Veeam appliance's TLS certificate is not trusted. Give its CA in VEEAM_CA_FILE (or, for a lab only, set VEEAM_TLS_INSECURE=true).",
  VEEAM_AUTH:
    'The Veeam appliance refused the login of the API user. Check VEEAM_USERNAME and VEEAM_PASSWORD.',
  VEEAM_MFA:
    'The Veeam API user has multi-factor authentication turned on, which an unattended bot cannot answer. Use a local portal user without MFA (Read-Only User role is enough).',
  VEEAM_FORBIDDEN:
    "The Veeam API user's role may not read job sessions. Give it at least the Read-Only User role.",
  VEEAM_BAD_REQUEST: 'The Veeam API rejected the query.',
  VEEAM_RATE_LIMITED: 'The Veeam appliance is asking for fewer requests. Try again in a minute.',
  ASKER_RATE_LIMITED: 'You are asking faster than I answer everyone fairly. Try again in a few seconds.',
  VEEAM_SERVER_ERROR: 'The Veeam appliance had an internal error. Try again; if it persists, check its logs.',
  VEEAM_BAD_RESPONSE:
    'The Veeam appliance answered with data I do not understand. The details are in the bot log.',
  VEEAM_PROXY:
    'A proxy or gateway in front of the Veeam appliance answered instead of the appliance. Check the proxy and that the appliance behind it is running.',
  VEEAM_API_VERSION:
    'The Veeam appliance does not serve the API version the bot asks for. Set VEEAM_API_VERSION=auto, or to a version it serves.',
  INTERNAL: 'Something went wrong on my side. The details are in the bot log.',
};

export class BotError extends Error {
  readonly code: BotErrorCode;
  /** Words safe to show a user. */
  readonly userMessage: string;

  constructor(code: BotErrorCode, userMessage?: string, options?: { cause?: unknown }) {
    super(userMessage ?? DEFAULT_MESSAGES[code], options);
    this.name = 'BotError';
    this.code = code;
    this.userMessage = userMessage ?? DEFAULT_MESSAGES[code];
  }
}

/** Any thrown value → a BotError, so nothing unexpected ever reaches a user as a raw message. */
export function toBotError(error: unknown): BotError {
  return error instanceof BotError ? error : new BotError('INTERNAL', undefined, { cause: error });
}
