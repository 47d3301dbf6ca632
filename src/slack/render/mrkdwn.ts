import { withoutInvisibleControls } from '../../core/view/invisible-text';

/**
 * Text from the Veeam API or a user goes into mrkdwn only through here. Escaping &, < and > is what
 * Slack asks for, and it is enough to make `<!channel>`, `<@U123>` and `<https://x|link>` show as text.
 * mrkdwn has no escape for its formatting characters, so `*` and `~` become look-alikes, `_` does where
 * it could open or close italics (inside a word, as in `web_01`, Slack ignores it), and `://` loses the
 * colon Slack's auto-linking looks for. Backticks stay: the bot's own hints use them, and a code span
 * shows its text as typed. Invisible and bidirectional controls are dropped.
 */
export function escapeMrkdwn(text: string): string {
  return withoutInvisibleControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*/g, '\u2217')
    .replace(/~/g, '\u223C')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\uFF3F'))
    .replace(/:\/\//g, '\u2236//');
}

/** Cuts text to a length, with an ellipsis, never inside an escape sequence. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}
