import fc from 'fast-check';
import { loadConfig } from '../../src/config/config';
import { parseDigestCommand } from '../../src/core/digest/parse-digest-command';
import { parseSessionQuery } from '../../src/core/query/parse-session-query';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { makeQuery, TEST_TOKENS, V2_VOCABULARY } from '../factories/sessions';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import {
  blockActionBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests';

const NOW = new Date('2026-11-29T10:00:00Z');
/** Text a hostile or careless user might type: words the parser knows, markup, control characters, long runs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'failed',
        'today',
        'since',
        'policy:',
        '"',
        'vm',
        'from:',
        'to:',
        '2026-13-45',
        'last',
        '99999999',
        'hours',
        '<!channel>',
        '*',
        '`',
        '\u0000',
        '\u202e',
        'digest',
        'daily',
        '25:99',
        'Mars/Olympus',
        'status:',
        ',',
        'weekdays',
        'help',
      ),
      { maxLength: 40 },
    )
    .map((w) => w.join(' ')),
);

describe('hostile input, in the core', () => {
  it('never makes the parsers throw', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Kiritimati'),
        (text, timeZone) => {
          const parsed = parseSessionQuery(text, { now: NOW, timeZone, vocabulary: V2_VOCABULARY });
          expect(['query', 'help', 'usage']).toContain(parsed.kind);
          parseDigestCommand(`digest ${text}`, { now: NOW, timeZone, vocabulary: V2_VOCABULARY });
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never makes the token decoders throw, and never accepts an altered token', () => {
    const valid = TEST_TOKENS.encodePage({ query: makeQuery(), offset: 10, limit: 10 });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ maxLength: 3000 })), (value) => {
        expect(TEST_TOKENS.decodePage(value).ok).toBe(false);
        expect(TEST_TOKENS.decodeDetails(value).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
        const altered = valid.slice(0, at) + c + valid.slice(at + 1);
        const decoded = TEST_TOKENS.decodePage(altered);
        if (altered !== valid) expect(decoded.ok).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('hostile input, over HTTP', () => {
  let app: RunningApp;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  const rejections: unknown[] = [];
  let requests = 0;
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    slack = await startFakeSlack();
    connector = await startFakeBotConnector();
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        PLAYGROUND: 'on',
        SLACK_BOT_TOKEN: 'xoxb-fuzz',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      { placeholderAfterMs: 5_000 },
    );
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await app.close();
    await slack.close();
    await connector.close();
  });

  it('answers signed Slack commands and buttons of any content without a 500 or a crash', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.string({ maxLength: 2100 }), async (text, value) => {
        // Each request differs (its response_url), or the replay guard would rightly refuse a repeat.
        const responseUrl = slack.responseUrl(`fuzz-${++requests}`);
        const command = await postToSlackEndpoint(
          `${app.url}/slack/events`,
          slashCommandBody({ text, responseUrl }),
          FORM,
        );
        expect(command.status).toBe(200);
        const button = await postToSlackEndpoint(
          `${app.url}/slack/events`,
          blockActionBody({ actionId: 'sessions.next', value, responseUrl }),
          FORM,
        );
        expect(button.status).toBe(200);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses unsigned or malformed bodies at /slack/events without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 500 }),
        fc.constantFrom(FORM, 'application/json', 'text/plain'),
        async (body, type) => {
          const res = await fetch(`${app.url}/slack/events`, {
            method: 'POST',
            headers: { 'content-type': type },
            body,
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes any JSON at /api/messages without a 500 or a crash', async () => {
    const activity = fc.record(
      {
        type: fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'nonsense'),
        id: fc.string({ maxLength: 20 }),
        channelId: fc.constantFrom('msteams', 'emulator', ''),
        serviceUrl: fc.constant(connector.serviceUrl),
        text: hostileText,
        from: fc.record({
          id: fc.string({ maxLength: 10 }),
          aadObjectId: fc.option(fc.string({ maxLength: 10 })),
        }),
        conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 30 }) }),
        recipient: fc.record({ id: fc.string({ maxLength: 10 }) }),
        name: fc.constantFrom('adaptiveCard/action', 'composeExtension/query', ''),
        value: fc.anything({ maxDepth: 3 }),
        localTimezone: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('Europe/Berlin')),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(activity, fc.anything({ maxDepth: 3 })), async (body) => {
        const res = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body) ?? 'null',
        });
        // 501 is Bot Framework's own answer to an invoke a bot does not implement: a reply, not a crash.
        const unknownInvoke = res.status === 501 && (body as { type?: unknown })?.type === 'invoke';
        if (!unknownInvoke) expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('takes any JSON at the playground API without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ask', 'slack-action', 'teams-action', 'digest'),
        fc.anything({ maxDepth: 3 }),
        async (endpoint, body) => {
          const res = await fetch(`${app.url}/playground/api/${endpoint}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body) ?? 'null',
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('left no promise rejected and unhandled', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(rejections).toEqual([]);
  });
});
