import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { startApp } from '../../src/main';

describe('the bot as started by npm start', () => {
  it('serves /healthz on one HTTP server, with the embedded simulator behind it', async () => {
    const app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:' }),
      silentLogger,
    );
    try {
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${app.url}/nope`)).status).toBe(404);
      expect((await fetch(`${app.url}/healthz`, { method: 'POST' })).status).toBe(405);
      expect(app.simulator).not.toBeNull();
      const page = await app.veeam.listSessions(
        { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null },
        { offset: 0, limit: 1 },
      );
      expect(page.total).toBe(app.simulator?.sessions().length);
    } finally {
      await app.close();
    }
  });
});
