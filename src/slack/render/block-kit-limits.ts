/**
 * Slack's Block Kit limits, as named data (https://api.slack.com/reference/block-kit). Slack has no
 * offline validator, so the renderer and its tests check these themselves.
 */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  url: 3000,
  /** Not documented: past about 12,000 characters of block text Slack answers `msg_blocks_too_long`. */
  totalBlockText: 12000,
  /** The `text` fallback is cut by Slack at 40,000; notifications show far less. */
  fallbackText: 3000,
} as const;
