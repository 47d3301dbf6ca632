import { BotError } from '../../../src/core/errors';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import { findSessions } from '../../../src/core/sessions/find-sessions';
import { matchName } from '../../../src/core/sessions/match-name';
import type { SessionQuery } from '../../../src/core/sessions/session-query';
import { V2_VOCABULARY } from '../../factories/sessions';
import { FIXED_NOW, startSimulatorWithClient } from '../../support/simulator-client';

function query(text: string): SessionQuery {
  const r = parseSessionQuery(text, {
    now: new Date(FIXED_NOW),
    timeZone: 'Europe/Berlin',
    vocabulary: V2_VOCABULARY,
  });
  if (r.kind !== 'query') throw new Error(`not a query: ${text}`);
  return r.query;
}

describe('matching a name the user typed', () => {
  const names = ['Prod VMs', 'Prod SQL Daily', 'Dev Sandbox', 'web-01', 'web-02'].map((name, i) => ({
    id: String(i),
    name,
  }));

  it('matches exactly, ignoring case', () => {
    expect(matchName('prod vms', names)).toEqual({ kind: 'found', resource: { id: '0', name: 'Prod VMs' } });
  });

  it('offers the closest names when nothing matches', () => {
    expect(matchName('Prod VM', names)).toMatchObject({ kind: 'missing', suggestions: ['Prod VMs'] });
    expect(matchName('web-1', names)).toMatchObject({
      kind: 'missing',
      suggestions: expect.arrayContaining(['web-01']),
    });
    expect(matchName('zzzzzzzzzzzz', names)).toEqual({ kind: 'missing', suggestions: [] });
  });
});

describe('finding sessions for a question', () => {
  it('resolves a bare name to a VM and filters by it', async () => {
    const { sim, client, close } = await startSimulatorWithClient({ now: () => FIXED_NOW });
    try {
      const { page, names } = await findSessions(
        query('for web-01 this month'),
        { offset: 0, limit: 5 },
        client,
      );
      const vm = sim.world.vms.find((v) => v.name === 'web-01');
      expect(names).toEqual({ policy: null, vm: 'web-01' });
      const expected = sim
        .sessions()
        .filter((s) => vm && s.vmIds.includes(vm.id) && s.startMs >= Date.parse('2026-10-31T23:00:00Z'));
      expect(page.total).toBe(expected.length);
    } finally {
      await close();
    }
  });

  it('answers "last 12 failures" with the 12 newest failures, paged, and counts no further', async () => {
    const { sim, client, close } = await startSimulatorWithClient({ now: () => FIXED_NOW });
    try {
      const q = query('last 12 failures');
      const first = await findSessions(q, { offset: 0, limit: 10 }, client);
      const second = await findSessions(q, { offset: 10, limit: 10 }, client);
      const newest = sim
        .sessions()
        .filter((s) => s.status === 'Error' || s.status === 'RunningWithError')
        .slice(0, 12)
        .map((s) => s.id);
      expect([...first.page.sessions, ...second.page.sessions].map((s) => s.id)).toEqual(newest);
      expect(first.page.total).toBe(12);
      expect(second.page.sessions).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('answers "latest failure" with the one newest failure', async () => {
    const { sim, client, close } = await startSimulatorWithClient({ now: () => FIXED_NOW });
    try {
      const { page } = await findSessions(query('latest failure'), { offset: 0, limit: 10 }, client);
      expect(page.sessions).toHaveLength(1);
      expect(page.sessions[0]?.id).toBe(
        sim.sessions().find((s) => s.status === 'Error' || s.status === 'RunningWithError')?.id,
      );
    } finally {
      await close();
    }
  });

  it('resolves a bare name to a policy before trying VMs', async () => {
    const { client, close } = await startSimulatorWithClient({ now: () => FIXED_NOW });
    try {
      const { page, names } = await findSessions(
        query('failed "prod vms"'),
        { offset: 0, limit: 50 },
        client,
      );
      expect(names.policy).toBe('Prod VMs');
      expect(page.sessions.every((s) => s.targetName === 'Prod VMs')).toBe(true);
    } finally {
      await close();
    }
  });

  it('says which names it could not find, with the closest ones', async () => {
    const { client, close } = await startSimulatorWithClient({ now: () => FIXED_NOW });
    try {
      const error = await findSessions(query('policy:"Prod VM"'), { offset: 0, limit: 5 }, client).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BotError);
      expect((error as BotError).code).toBe('NOT_FOUND');
      expect((error as BotError).userMessage).toBe(
        'I found no policy named "Prod VM". Did you mean "Prod VMs"?',
      );
    } finally {
      await close();
    }
  });
});
