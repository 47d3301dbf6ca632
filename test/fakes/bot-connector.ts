import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, pollUntil } from './local-server';

type ConnectorCall = {
  kind: 'reply' | 'send' | 'update';
  conversationId: string;
  activityId?: string;
  activity: Record<string, unknown>;
};

/**
 * A local stand-in for the Bot Framework connector at a conversation's serviceUrl: the bot's replies,
 * updates and proactive posts arrive here over HTTP and are recorded for the tests to read.
 */
export type FakeBotConnector = {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls that were answered with an injected failure. */
  failed: ConnectorCall[];
  /** Conversations the bot was removed from: the connector answers 403 as Teams does. */
  removedFrom: Set<string>;
  /** The next `count` calls answer `status` (429 with Retry-After: 1, or a 5xx), as a busy connector does. */
  failNext(count: number, status: number): void;
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
};

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const removedFrom = new Set<string>();
  const failures = { count: 0, status: 503 };
  const failed: ConnectorCall[] = [];
  let nextId = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      const m = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const conversationId = m[1] as string;
      const activityId = m[2];
      if (failures.count > 0) {
        failures.count--;
        failed.push({
          kind: req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send',
          conversationId,
          activity: {},
        });
        res
          .writeHead(failures.status, { 'content-type': 'application/json', 'retry-after': '1' })
          .end(JSON.stringify({ error: { code: 'ServiceError', message: 'Try again later' } }));
        return;
      }
      // A thread reply's conversation is the channel's with `;messageid=` after it.
      if (removedFrom.has(conversationId.split(';')[0] as string)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              code: 'BotNotInConversationRoster',
              message: 'The bot is not part of the conversation roster.',
            },
          }),
        );
        return;
      }
      const kind = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
      calls.push({ kind, conversationId, ...(activityId ? { activityId } : {}), activity });
      const id = kind === 'update' ? activityId : `activity-${nextId++}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    removedFrom,
    failed,
    failNext: (count, status) => {
      failures.count = count;
      failures.status = status;
    },
    waitFor: (find, timeoutMs) => pollUntil('fake connector', find, timeoutMs),
    close: () => closeServer(server),
  };
}
