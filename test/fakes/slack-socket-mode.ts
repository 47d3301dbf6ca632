import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode endpoint (api.slack.com/apis/connections/socket-implement):
 * the URL apps.connections.open hands out, a `hello` on connect, envelopes the app must ack with their
 * envelope_id, server pings, and a `disconnect` frame that makes the client fetch a new URL. Envelopes
 * sent while no connection is open wait for the next one, and envelopes not acked when a connection
 * closes are delivered again on the next one with retry_attempt raised, so a reconnect loses nothing on
 * Slack's side and a spec can tell whether the app lost or doubled a command.
 */
export type FakeSocketMode = {
  /** What apps.connections.open answers (set it on the fake Slack). */
  url: string;
  /** Sends an envelope of this type ("slash_commands", "interactive", "events_api"); resolves on its ack. */
  deliver(type: string, payload: Record<string, unknown>): Promise<Ack>;
  /** Sends `disconnect` with this reason to every open connection, as Slack does when it recycles one. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Connections opened so far (a reconnect adds one). */
  connections(): number;
  /** The close code of each connection that ended (1000 after a close handshake, 1006 when dropped). */
  closeCodes(): number[];
  /** Envelopes sent again after a connection closed without their ack. */
  redeliveries(): number;
  close(): Promise<void>;
};

type Ack = { envelopeId: string; payload: Record<string, unknown> | undefined };

type Pending = {
  envelope: {
    type: string;
    envelope_id: string;
    payload: unknown;
    retry_attempt: number;
    retry_reason: string;
  };
  resolve: (ack: Ack) => void;
  sentOn: WebSocket | null;
};

export async function startFakeSocketMode(
  options: { pingIntervalMs?: number } = {},
): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const pending = new Map<string, Pending>();
  let live: WebSocket | null = null;
  let opened = 0;
  let redelivered = 0;
  const closeCodes: number[] = [];

  const send = (p: Pending) => {
    if (live?.readyState !== 1) return;
    p.sentOn = live;
    live.send(JSON.stringify(p.envelope));
  };

  server.on('connection', (socket) => {
    opened++;
    live = socket;
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A1' },
      }),
    );
    // Slack pings its clients; @slack/socket-mode reconnects when it hears none for 30 s.
    const ping = setInterval(() => socket.ping(), options.pingIntervalMs ?? 5000);
    ping.unref();
    socket.on('message', (data) => {
      let message: { envelope_id?: string; payload?: Record<string, unknown> };
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      const p = message.envelope_id ? pending.get(message.envelope_id) : undefined;
      if (!p) return;
      pending.delete(p.envelope.envelope_id);
      p.resolve({ envelopeId: p.envelope.envelope_id, payload: message.payload });
    });
    socket.on('close', (code) => {
      closeCodes.push(code);
      clearInterval(ping);
      if (live === socket) live = null;
      for (const p of pending.values()) {
        if (p.sentOn !== socket) continue;
        p.sentOn = null;
        p.envelope.retry_attempt++;
        p.envelope.retry_reason = 'timeout';
      }
    });
    for (const p of pending.values()) {
      if (p.sentOn !== null) continue;
      if (p.envelope.retry_attempt > 0) redelivered++;
      send(p);
    }
  });

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link?ticket=fake`,
    deliver: (type, payload) =>
      new Promise<Ack>((resolve) => {
        const envelope_id = randomUUID();
        const p: Pending = {
          envelope: { type, envelope_id, payload, retry_attempt: 0, retry_reason: '' },
          resolve,
          sentOn: null,
        };
        pending.set(envelope_id, p);
        send(p);
      }),
    disconnect: (reason = 'refresh_requested') => {
      for (const socket of server.clients) {
        socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-socket-mode' } }));
      }
    },
    connections: () => opened,
    closeCodes: () => [...closeCodes],
    redeliveries: () => redelivered,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
