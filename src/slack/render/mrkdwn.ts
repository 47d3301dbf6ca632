/**
 * Text from the Veeam API or a user goes into mrkdwn only through here. Escaping &, < and > is what
 * Slack asks for, and it is enough to make `<!channel>`, `<@U123>` and `<https://x|link>` show as text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a length, with an ellipsis, never inside an escape sequence. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}
