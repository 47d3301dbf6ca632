import { randomBytes } from 'node:crypto';

/** What the simulated appliance answers, before it becomes HTTP: a status, headers and a JSON body. */
export type SimResponse = { status: number; headers?: Record<string, string>; body?: unknown };

export function json(status: number, body: unknown): SimResponse {
  return { status, body };
}

/** RFC 7807 problem details, as the appliance answers errors (../shared/veeam-api/README.md §6). */
export function problem(status: number, title: string, detail: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: { type: 'about:blank', title, status, detail, traceId: traceId() },
  };
}

/** ASP.NET's ValidationProblemDetails: per-field messages under `errors` (README §10, [C6]). */
export function validationProblem(errors: Record<string, string[]>): SimResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: traceId(),
      errors,
    },
  };
}

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-00`;
}
