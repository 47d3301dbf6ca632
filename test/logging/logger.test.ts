import { createLogger } from '../../src/logging/logger';

function capture(
  level: 'debug' | 'info' = 'info',
  format: 'json' | 'pretty' = 'json',
  secrets: string[] = [],
) {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    format,
    secrets,
    write: (l) => lines.push(l),
    now: () => new Date('2026-11-29T10:00:00Z'),
  });
  return { logger, lines };
}

describe('the log', () => {
  it('writes one JSON object a line with time, level, message and fields', () => {
    const { logger, lines } = capture();
    logger.info('hello', { count: 2 });
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2026-11-29T10:00:00.000Z',
      level: 'info',
      msg: 'hello',
      count: 2,
    });
  });

  it('leaves out lines below its level', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    logger.warn('signal');
    expect(lines).toHaveLength(1);
  });

  it('writes a readable line for people at a terminal', () => {
    const { logger, lines } = capture('info', 'pretty');
    logger.warn('Veeam is slow', { ms: 900 });
    logger.error('Veeam refused the login', { error: new Error('401') });
    // pino-pretty's line, in the machine's local time.
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: Veeam is slow \{"ms":900\}$/);
    expect(lines[1]).toMatch(
      /^\[\d\d:\d\d:\d\d\] ERROR: Veeam refused the login \{"error":\{"name":"Error","message":"401"\}\}$/,
    );
  });

  it('blanks fields named like secrets, at any depth', () => {
    const { logger, lines } = capture();
    logger.info('x', {
      password: 'p',
      nested: { accessToken: 't', headers: { Authorization: 'Bearer b' } },
      list: [{ client_secret: 's' }],
    });
    const out = lines.join();
    for (const leaked of ['"p"', '"t"', 'Bearer b', '"s"']) expect(out).not.toContain(leaked);
    expect(out).toContain('[redacted]');
  });

  it('cuts known secret values out of messages and error texts', () => {
    const { logger, lines } = capture('info', 'json', ['hunter2-long']);
    logger.error('login failed for hunter2-long', {
      error: new Error('bad password hunter2-long', { cause: new Error('hunter2-long again') }),
    });
    expect(lines.join()).not.toContain('hunter2-long');
    expect(lines.join()).toContain('login failed for [redacted]');
  });

  it('cuts a token out of an error message at a terminal too', () => {
    const { logger, lines } = capture('info', 'pretty', ['xoxb-123-secret']);
    logger.warn('Slack refused a call', { error: new Error('invalid_auth for xoxb-123-secret') });
    expect(lines.join()).not.toContain('xoxb-123-secret');
    expect(lines.join()).toContain('invalid_auth for [redacted]');
  });

  it('cuts a secret that JSON escapes (quotes, backslashes) out of the line', () => {
    const secret = 'pa"ss\\word';
    const { logger, lines } = capture('info', 'json', [secret]);
    logger.info(`tried ${secret}`, { detail: `again ${secret}` });
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({ msg: 'tried [redacted]', detail: 'again [redacted]' });
    expect(lines[0]).not.toContain('pa\\"ss');
  });

  it('keeps a line valid JSON with no pid or hostname, and one line per event', () => {
    const { logger, lines } = capture('debug');
    logger.debug('multi\nline message', { list: [1, 2] });
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0] as string)).sort()).toEqual(['level', 'list', 'msg', 'time']);
  });
});
