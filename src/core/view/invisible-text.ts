/**
 * Characters that change how text reads without being seen: zero-width spaces and joiners, the byte-order
 * mark, and the bidirectional overrides and isolates that can make `exe.txt` display as `txt.exe`. Text
 * from the Veeam API or a user loses them before either renderer shows it.
 */
const INVISIBLE_CONTROLS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function withoutInvisibleControls(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}
