/** The same words on every platform; only what an allowlist is made of differs. */
export function refusalText(scope: string): string {
  return `Sorry, I'm not enabled for you here. If you need me, ask whoever runs sessions-bot to allow this ${scope}.`;
}
