/** Where a digest goes, when, and what it covers. Plain data: storage and chat adapters translate. */
/** The name of the platform a digest is posted on (src/platforms/registry.ts lists them). */
export type DigestPlatform = string;
export type DigestDays = 'daily' | 'weekdays';

export type DigestSchedule = {
  days: DigestDays;
  /** "08:00", 24-hour, in `timeZone`. */
  time: string;
  timeZone: string;
};

export type DigestSubscription = {
  /** Stable: `${platform}:${channelId}` for chat-made ones, `file:${name}` for declared ones. */
  id: string;
  platform: DigestPlatform;
  /** Slack channel id, or the Teams conversation id. */
  channelId: string;
  schedule: DigestSchedule;
  /** Filters in the query language ("policy:\"Prod VMs\""); empty for everything. */
  filters: string;
  createdBy: string;
  /** ISO instant; slots before it are never posted, so a new subscription does not post yesterday's. */
  createdAt: string;
  /** `chat` ones are changed in chat; `file` ones only in DIGESTS_FILE. */
  source: 'chat' | 'file';
};

export function subscriptionId(platform: DigestPlatform, channelId: string): string {
  return `${platform}:${channelId}`;
}

export function describeSchedule(schedule: DigestSchedule): string {
  return `${schedule.days === 'weekdays' ? 'every weekday' : 'every day'} at ${schedule.time} ${schedule.timeZone}`;
}
