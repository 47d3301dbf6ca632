// The official renderer's object model parses and validates without a DOM when loaded from its dist file
// (a plain require('adaptivecards') fails on Node 20).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/**
 * Every problem the official `adaptivecards` package finds in a card: parse warnings (unknown element
 * types, invalid property values, features above the card's version) and semantic validation failures.
 */
export function adaptiveCardProblems(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  if (card.version !== '1.5' && !(typeof card.version === 'string' && Number(card.version) <= 1.5)) {
    problems.push(`version ${String(card.version)} is above 1.5`);
  }
  return problems;
}
