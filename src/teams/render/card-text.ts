import { withoutInvisibleControls } from '../../core/view/invisible-text';

/**
 * TextBlock text is markdown in Teams (bold, italics, links, lists). Text from the Veeam API or a user
 * therefore never goes into a TextBlock: it goes into a RichTextBlock's TextRun, which renders no markdown
 * at all, so `[click](https://evil.example)` or `**x**` shows as typed.
 */
export type TextRunStyle = {
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  isSubtle?: boolean;
  /** No 'Warning' or 'Good': Teams draws them below WCAG AA contrast in the light theme. */
  color?: 'Attention' | 'Accent';
  italic?: boolean;
};

/**
 * Teams expands `{{DATE(…)}}` and `{{TIME(…)}}` wherever they appear, TextRuns included: a name that
 * carries one would show a date it does not hold, so its braces are broken up. A TextRun shows no
 * markdown, so the code spans of the bot's own hints ("try `help`") become quotes instead of backticks.
 */
export function textRun(text: string, style: TextRunStyle = {}): Record<string, unknown> {
  const shown = withoutInvisibleControls(text)
    .replace(/\{\{/g, '{\uFF5B')
    .replace(/`([^`\n]+)`/g, '“$1”');
  return { type: 'TextRun', text: shown, ...style };
}

export function plainTextBlock(
  runs: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'RichTextBlock', inlines: runs, ...extra };
}

export function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
