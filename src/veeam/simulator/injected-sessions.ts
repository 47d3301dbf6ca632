import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LABELS, runningStatus } from './seed-sessions';
import type { SimSession, SimWorld } from './sim-world';

/**
 * Sessions a test or a demo adds through POST /__simulator/sessions: a policy's backup that fails now, or
 * a six-hour backup that started at midnight and fails at 06:00. Each runs from its start for its
 * duration on the simulator's clock, like the generated ones: listed as running until then, with its
 * final status after.
 */
const sessionInjectionSchema = z
  .object({
    /** A policy's name (any case) or id. */
    policy: z.string().min(1),
    type: z.enum(['PolicyBackup', 'PolicySnapshot']).default('PolicyBackup'),
    status: z.enum(['Success', 'Warning', 'Error', 'Canceled']),
    /** Default: now. */
    startUtc: z.iso.datetime({ offset: true }).optional(),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(300),
    /** One VM of the policy's (name or id) that the session processed; default: all of them. */
    vm: z.string().min(1).optional(),
  })
  .strict();

type Injected = Omit<SimSession, 'status' | 'stopMs'> & { finalStatus: string; durationMs: number };

export type InjectedSessions = {
  /** Adds a session; throws an Error saying what is wrong with the request. */
  add(request: unknown): { id: string; startMs: number; finalStatus: string };
  /** The added sessions as they stand at `nowMs` (those not started yet are left out). */
  at(nowMs: number): SimSession[];
  count(): number;
};

/** At most this many, so a loop in a demo cannot grow the simulator without bound. */
const MAX_INJECTED = 10_000;

export function createInjectedSessions(world: SimWorld, now: () => number): InjectedSessions {
  const added: Injected[] = [];
  const lower = (s: string) => s.toLowerCase();
  return {
    add(request) {
      const parsed = sessionInjectionSchema.safeParse(request);
      if (!parsed.success) {
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        );
      }
      const r = parsed.data;
      const policy = world.policies.find((p) => p.id === r.policy || lower(p.name) === lower(r.policy));
      if (!policy) throw new Error(`policy: no policy named or with id "${r.policy}"`);
      let vmIds = policy.vmIds;
      if (r.vm !== undefined) {
        const vm = world.vms.find(
          (v) => policy.vmIds.includes(v.id) && (v.id === r.vm || lower(v.name) === lower(r.vm ?? '')),
        );
        if (!vm) throw new Error(`vm: "${r.vm}" is not a VM of policy "${policy.name}"`);
        vmIds = [vm.id];
      }
      if (added.length >= MAX_INJECTED)
        throw new Error(`the simulator holds ${MAX_INJECTED} added sessions at most`);
      const startMs = r.startUtc ? Date.parse(r.startUtc) : now();
      const session: Injected = {
        id: randomUUID(),
        type: r.type,
        localizedType: LABELS[r.type] ?? r.type,
        finalStatus: r.status,
        startMs,
        durationMs: r.durationSeconds * 1000,
        policy,
        repository: null,
        vmIds,
        failedVmId: r.status === 'Error' || r.status === 'Warning' ? (vmIds[0] ?? null) : null,
        restoreReason: null,
      };
      added.push(session);
      return { id: session.id, startMs, finalStatus: r.status };
    },
    at(nowMs) {
      const out: SimSession[] = [];
      for (const { finalStatus, durationMs, ...s } of added) {
        if (s.startMs > nowMs) continue;
        const ended = s.startMs + durationMs <= nowMs;
        out.push({
          ...s,
          status: ended ? finalStatus : runningStatus(finalStatus),
          stopMs: ended ? s.startMs + durationMs : null,
        });
      }
      return out;
    },
    count: () => added.length,
  };
}
