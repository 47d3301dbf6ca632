import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerOf, type Reply } from '../../src/core/conversation/conversation';
import { handleAction } from '../../src/core/conversation/handle-action';
import { handleMessage } from '../../src/core/conversation/handle-message';
import type { AnswerView } from '../../src/core/view/sessions-view';
import { readJsonObject } from '../../src/http/read-json-body';
import type { ChatPlatform } from '../../src/platforms/chat-platform';

/**
 * The smallest platform there is, written only against the ChatPlatform contract and the conversation:
 * JSON in at POST /text/messages and /text/actions, plain words out. If a platform this small works,
 * the contract is all a new one needs.
 */
export type TextAnswer = { text: string; next: string | null; visibleTo: string };

function words(view: AnswerView): string {
  if (view.kind === 'sessions')
    return [view.title, ...view.rows.map((r) => `${r.statusLabel} ${r.name}`)].join('\n');
  if (view.kind === 'error') return `${view.title}: ${view.message}`;
  if (view.kind === 'digest') return `${view.title}\n${view.windowText}`;
  return `${view.title}\n${'text' in view ? view.text : ''}`;
}

async function answer(reply: Reply): Promise<TextAnswer> {
  if (reply.kind === 'note') return { text: reply.text, next: null, visibleTo: 'asker' };
  const view = await answerOf(reply);
  const visibleTo = reply.delivery.how === 'post' ? reply.delivery.visibleTo : 'in place';
  return { text: words(view), next: view.kind === 'sessions' ? view.paging.nextToken : null, visibleTo };
}

const send = (res: ServerResponse, body: unknown) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export function textPlatform(
  posted: { channelId: string; text: string }[],
): ChatPlatform<{ on: true }, null> {
  return {
    name: 'text',
    settings: () => ({ on: true }),
    whenOff: () => 'never off',
    async create(_settings, deps) {
      const conversation = { answers: deps.answers, digests: deps.digests };
      const asker = (body: Record<string, unknown>) => ({ platform: 'text', userId: String(body.user) });
      return {
        handle: null,
        mount(http) {
          http.route('POST', '/text/messages', async (req: IncomingMessage, res: ServerResponse) => {
            const body = (await readJsonObject(req, 4096)) ?? {};
            const reply = await handleMessage(
              {
                asker: asker(body),
                access: { allowed: body.user !== 'stranger', scope: 'text room' },
                text: String(body.text),
                timeZone: 'Europe/Berlin',
                locale: null,
                command: '',
                digestPlace: { platform: 'text', channelId: 'room-1' },
              },
              conversation,
            );
            send(res, await answer(reply));
          });
          http.route('POST', '/text/actions', async (req: IncomingMessage, res: ServerResponse) => {
            const body = (await readJsonObject(req, 4096)) ?? {};
            const reply = handleAction(
              {
                asker: asker(body),
                access: { allowed: true, scope: 'text room' },
                kind: 'page',
                token: body.token,
              },
              conversation,
            );
            send(res, await answer(reply));
          });
        },
        start: async () => {},
        stop: async () => {},
        describe: (url) => `Text platform at ${url}/text/messages`,
        post: async (subscription, view) => {
          posted.push({ channelId: subscription.channelId, text: words(view) });
          return `text-${posted.length}`;
        },
      };
    },
  };
}
