/** Where Slack posts in HTTP mode (events, commands and interactivity alike). */
export const SLACK_EVENTS_PATH = '/slack/events';
