/** A word of the user's text, with its original spelling kept for names. */
export type Token = {
  /** As the user wrote it, trimmed of surrounding punctuation. */
  raw: string;
  /** Lower-cased, for matching vocabulary. */
  word: string;
  /** Came from "double" or 'single' quotes: always a name or value, never vocabulary. */
  quoted: boolean;
  /** For `key:value` tokens: the key, lower-cased. */
  key?: string;
};

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };
const KEY_VALUE = /^([a-z]+):(.*)$/i;
// Trailing punctuation of prose ("Monday?", "web-01,"), but not the dot inside "web-01.contoso".
const TRAILING = /[?!.,;]+$/;
const LEADING = /^[([]+/;

/**
 * Splits text into tokens. Quotes group words ("Prod VMs"); `key:"A B"` keeps its quoted value; commas
 * inside `key:a,b` stay with the value. Never throws: an unclosed quote runs to the end of the text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = text.normalize('NFKC').replace(/\s+/g, ' ');
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    const open = s[i] as string;
    const close = QUOTES[open];
    if (close !== undefined) {
      const end = s.indexOf(close, i + 1);
      const value = s.slice(i + 1, end === -1 ? s.length : end).trim();
      if (value) tokens.push({ raw: value, word: value.toLowerCase(), quoted: true });
      i = end === -1 ? s.length : end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== ' ') j++;
    let chunk = s.slice(i, j);
    const keyValue = KEY_VALUE.exec(chunk);
    const afterColon = keyValue?.[2] ?? '';
    const quoteAfterColon = QUOTES[afterColon[0] ?? ''];
    if (keyValue && quoteAfterColon !== undefined) {
      const valueStart = i + (keyValue[1] as string).length + 2;
      const end = s.indexOf(quoteAfterColon, valueStart);
      const value = s.slice(valueStart, end === -1 ? s.length : end).trim();
      tokens.push({
        raw: value,
        word: value.toLowerCase(),
        quoted: true,
        key: (keyValue[1] as string).toLowerCase(),
      });
      i = end === -1 ? s.length : end + 1;
      continue;
    }
    i = j;
    if (keyValue && afterColon !== '' && !/^\d/.test(keyValue[1] as string)) {
      const value = afterColon.replace(TRAILING, '');
      tokens.push({
        raw: value,
        word: value.toLowerCase(),
        quoted: false,
        key: (keyValue[1] as string).toLowerCase(),
      });
      continue;
    }
    chunk = chunk
      .replace(LEADING, '')
      .replace(TRAILING, '')
      .replace(/[)\]]+$/, '');
    if (chunk) tokens.push({ raw: chunk, word: chunk.toLowerCase(), quoted: false });
  }
  return tokens;
}
