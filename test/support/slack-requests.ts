import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';

export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99aaaaaa85a5';

/** Signs a request body as Slack does: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function slackSignature(body: string, timestampSeconds: number, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export type SignedOptions = { timestampSeconds?: number; signature?: string; secret?: string };

/** POSTs a signed request to the bot's Slack endpoint, as Slack would. */
export async function postToSlackEndpoint(
  url: string,
  body: string,
  contentType: string,
  options: SignedOptions = {},
): Promise<{ status: number; text: string }> {
  const ts = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': options.signature ?? slackSignature(body, ts, options.secret),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

type SlashCommandFields = {
  text: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  responseUrl: string;
  command?: string;
};

/** A slash command as HTTP mode posts it (a form body). */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams(slashCommandPayload(fields)).toString();
}

/** The same fields as an object: what a Socket Mode `slash_commands` envelope carries. */
export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T1',
    team_domain: 'fake',
    channel_id: fields.channelId ?? 'C1',
    channel_name: 'backups',
    user_id: fields.userId ?? 'U1',
    user_name: 'operator',
    command: fields.command ?? '/sessions',
    text: fields.text,
    api_app_id: 'A1',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  };
}

export function blockActionBody(fields: {
  actionId: string;
  value: string;
  responseUrl?: string;
  userId?: string;
  channelId?: string;
  ephemeral?: boolean;
  messageTs?: string;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: fields.userId ?? 'U1', username: 'operator', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: fields.messageTs ?? '1700000000.000100',
      channel_id: fields.channelId ?? 'C1',
      is_ephemeral: fields.ephemeral ?? true,
    },
    trigger_id: '1.2.3',
    team: { id: 'T1', domain: 'fake' },
    channel: { id: fields.channelId ?? 'C1', name: 'backups' },
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    ...(fields.messageTs ? { message: { ts: fields.messageTs, type: 'message', text: '' } } : {}),
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        value: fields.value,
        action_ts: '1700000001.000000',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  });
}
