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
    expect(lines[0]).toBe('10:00:00 WARN  Veeam is slow ms=900');
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
});
