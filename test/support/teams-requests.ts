import type { FakeBotConnector } from '../fakes/bot-connector';
import type { FakeBotFrameworkIdentity } from '../fakes/bot-framework-identity';

export type TeamsSender = {
  appUrl: string;
  appId: string;
  identity: FakeBotFrameworkIdentity;
  connector: FakeBotConnector;
};

/**
 * POSTs an activity to the bot's /api/messages as the Bot Connector would: a token signed by the fake
 * identity for this app and connector, and the fields every Teams activity carries (overridable).
 */
export function postTeamsActivity(to: TeamsSender, activity: Record<string, unknown>): Promise<Response> {
  return fetch(`${to.appUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${to.identity.token({ appId: to.appId, serviceUrl: to.connector.serviceUrl })}`,
    },
    body: JSON.stringify({
      id: `a${Math.random()}`,
      channelId: 'msteams',
      serviceUrl: to.connector.serviceUrl,
      from: { id: '29:u', aadObjectId: 'aad-user' },
      recipient: { id: '28:bot', name: 'Sessions' },
      ...activity,
    }),
  });
}
