/**
 * Text as phones and pastes deliver it, made plain before it is read: full-width letters (NFKC), curly
 * apostrophes, non-breaking and zero-width spaces. Quotes stay: they group names.
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Joiners, word joiner, BOM: invisible, and never part of a word the bot knows.
      .replace(/\u200C|\u200D|\u2060|\uFEFF|\u00AD/g, '')
      // No-break, figure, thin, zero-width and other Unicode spaces separate words like a space.
      .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
      // A curly apostrophe inside a word (today’s, didn’t) is an apostrophe, not a quote.
      .replace(/(\p{L})[\u2019\u2018\u02BC](\p{L})/gu, "$1'$2")
  );
}
