import { z } from 'zod';
import { csv, httpUrl } from '../config/env-values';

/** Slack's slice of the configuration: its variables and what they come to; null when none is set. */

export type SlackConfig = {
  /** socket: Socket Mode (no public URL); http: Slack posts to POST /slack/events. */
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string | null;
  command: string;
  /** Whether answers to the slash command are seen by the asker alone, or by the channel. */
  responseType: 'ephemeral' | 'in_channel';
  allowed: { teams: string[]; channels: string[]; users: string[] };
};

/** "T01, T02" → ["T01", "T02"]; each id must start with one of the given letters. */
function idList(prefixes: string) {
  return csv().refine((ids) => ids.every((id) => new RegExp(`^[${prefixes}][A-Z0-9]+$`).test(id)), {
    message: `must be a comma-separated list of Slack ids starting with ${prefixes.split('').join(' or ')}`,
  });
}

export const SLACK_SETTINGS = {
  schema: z.object({
    SLACK_BOT_TOKEN: z
      .string()
      .startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' })
      .optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^[0-9a-f]{16,}$/i, { message: 'must be the hex signing secret from Basic Information' })
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' })
      .optional(),
    SLACK_API_URL: httpUrl.optional(),
    SLACK_COMMAND: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, { message: 'must look like /sessions' })
      .default('/sessions'),
    SESSIONS_RESPONSE: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
    SLACK_ALLOWED_TEAM_IDS: idList('T'),
    SLACK_ALLOWED_CHANNEL_IDS: idList('CGD'),
    SLACK_ALLOWED_USER_IDS: idList('UW'),
  }),
  read: readSlack,
};

function readSlack(e: z.infer<typeof SLACK_SETTINGS.schema>, problems: string[]): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) return null;
  if (!e.SLACK_BOT_TOKEN)
    problems.push(
      'SLACK_BOT_TOKEN is required to turn the Slack app on (OAuth & Permissions › Bot User OAuth Token)',
    );
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return {
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    botToken: e.SLACK_BOT_TOKEN ?? '',
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, '/') : null,
    command: e.SLACK_COMMAND,
    responseType: e.SESSIONS_RESPONSE,
    allowed: {
      teams: e.SLACK_ALLOWED_TEAM_IDS,
      channels: e.SLACK_ALLOWED_CHANNEL_IDS,
      users: e.SLACK_ALLOWED_USER_IDS,
    },
  };
}
