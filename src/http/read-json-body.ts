import type http from 'node:http';

/**
 * Reads a request body that must be one JSON object, at most `maxBytes` long. Null for anything else
 * (too long, not JSON, an array, a string), so callers answer 400 without a try/catch of their own.
 */
export async function readJsonObject(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown> | null> {
  const body = await readBoundedBody(req, maxBytes);
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The whole body, or null once it passes `maxBytes` (a declared Content-Length over it is refused unread). */
export async function readBoundedBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
