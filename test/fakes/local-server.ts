import type http from 'node:http';

/** What the fakes share: waiting for a call to arrive, and closing without waiting on keep-alive sockets. */

/** Polls `find` every 10 ms until it returns something, or fails naming `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, find: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: waited in vain`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
