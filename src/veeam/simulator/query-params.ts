import type { ApiVersionRecord } from '../api-versions';

/** ASP.NET binds query names without regard to case; so does the simulator. Keys come back lower case. */
export function caseInsensitiveQuery(params: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of params) {
    const key = k.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return out;
}

/**
 * Reads query parameters the way the appliance validates them, collecting per-field messages in the
 * shape of a ValidationProblemDetails (`errors: {Field: [messages]}`).
 */
export class QueryReader {
  readonly errors: Record<string, string[]> = {};

  constructor(private readonly query: Map<string, string[]>) {}

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  raw(key: string): string | undefined {
    return this.query.get(key.toLowerCase())?.[0];
  }

  /** Every value of an enum parameter (`Status=Error&Status=Warning`), in the documented spelling. */
  enumValues<T extends string>(key: string, allowed: readonly T[]): T[] {
    const out: T[] = [];
    for (const v of this.query.get(key.toLowerCase()) ?? []) {
      const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
      if (hit) out.push(hit);
      else this.invalid(key, v);
    }
    return out;
  }

  date(key: string): number | null {
    const raw = this.raw(key);
    if (raw === undefined) return null;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) this.invalid(key, raw);
    return ms;
  }

  uuid(key: string): string | null {
    const raw = this.raw(key);
    if (raw !== undefined && !UUID.test(raw)) this.invalid(key, raw);
    return raw ?? null;
  }

  boolean(key: string): boolean | null {
    const raw = this.raw(key);
    if (raw === undefined) return null;
    if (!/^(true|false)$/i.test(raw)) this.invalid(key, raw);
    return raw.toLowerCase() === 'true';
  }

  /** `Offset` ≥ 0 and `Limit` ≥ the version's minimum (-1, "all", from v8 on) [D6][C6]. */
  paging(record: ApiVersionRecord): { offset: number; limit: number } {
    const int = (key: string, fallback: number, min: number) => {
      const raw = this.raw(key);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw) || n < min) {
        this.invalid(key, raw);
        return fallback;
      }
      return n;
    };
    return { offset: int('Offset', 0, 0), limit: int('Limit', record.defaultLimit, record.minLimit) };
  }

  private invalid(key: string, value: string): void {
    this.errors[key] = [...(this.errors[key] ?? []), `The value '${value}' is not valid.`];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page of a collection in the documented envelope (README §3.1). */
export function pageOf<T>(items: readonly T[], paging: { offset: number; limit: number }) {
  const page =
    paging.limit === -1
      ? items.slice(paging.offset)
      : items.slice(paging.offset, paging.offset + paging.limit);
  return { offset: paging.offset, limit: paging.limit, totalCount: items.length, results: page, _links: {} };
}
