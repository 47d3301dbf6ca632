import type { SlackConfig } from '../config/config';

export type SlackWho = {
  teamId?: string | undefined;
  channelId?: string | undefined;
  userId?: string | undefined;
};

/** SLACK_ALLOWED_*: an empty list allows everyone; a set list must contain the id. */
export function isAllowedInSlack(allowed: SlackConfig['allowed'], who: SlackWho): boolean {
  const ok = (list: string[], id: string | undefined) =>
    list.length === 0 || (id !== undefined && list.includes(id));
  return (
    ok(allowed.teams, who.teamId) && ok(allowed.channels, who.channelId) && ok(allowed.users, who.userId)
  );
}
