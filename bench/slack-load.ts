import type { FakeSocketMode } from '../test/fakes/slack-socket-mode';
import type { FakeSlack } from '../test/fakes/slack-web-api';
import {
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  slashCommandPayload,
} from '../test/support/slack-requests';

/** One slash command: how long Slack waited for the ack, and for the answer at its response_url. */
export type Timed = { ackMs: number; answerMs: number };

/**
 * Sends slash commands to a bot the way Slack does, over HTTP (signed POSTs to /slack/events) or over a
 * Socket Mode WebSocket, and times each from sending to ack and to the answer posted at its response_url.
 */
export function slackLoad(slack: FakeSlack, transport: { httpUrl: string } | { socket: FakeSocketMode }) {
  const answered = new Map<string, () => void>();
  slack.onResponse = (post) => answered.get(post.id)?.();
  let seq = 0;
  return {
    /** A distinct filter each time ("last N hours"), so no answer comes from the short cache. */
    distinct: () => `failed last ${1 + (seq % 500)} hours`,
    async command(text: string, userId = `U${seq % 20}`, channelId?: string): Promise<Timed> {
      const id = `b${++seq}`;
      const arrived = new Promise<void>((resolve) => answered.set(id, resolve));
      const fields = {
        text,
        userId,
        responseUrl: slack.responseUrl(id),
        ...(channelId ? { channelId } : {}),
      };
      const started = performance.now();
      if ('httpUrl' in transport) {
        const res = await postToSlackEndpoint(
          `${transport.httpUrl}/slack/events`,
          slashCommandBody(fields),
          FORM,
        );
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      } else {
        await transport.socket.deliver('slash_commands', slashCommandPayload(fields));
      }
      const ackMs = performance.now() - started;
      await arrived;
      answered.delete(id);
      return { ackMs, answerMs: performance.now() - started };
    },
  };
}
