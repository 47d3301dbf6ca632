/** PLAYGROUND: auto (the default), on or off. */
export type PlaygroundMode = 'auto' | 'on' | 'off';
export type PlaygroundScope = 'everyone' | 'loopback' | 'off';

/**
 * Who may open the playground. With no chat platform configured it is the bot's whole face, open to all;
 * once Slack or Teams is on, the bot is likely reachable from outside, so only this machine may, unless
 * PLAYGROUND=on says otherwise.
 */
export function playgroundScope(mode: PlaygroundMode, chatConfigured: boolean): PlaygroundScope {
  if (mode === 'off') return 'off';
  if (mode === 'on') return 'everyone';
  return chatConfigured ? 'loopback' : 'everyone';
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}
