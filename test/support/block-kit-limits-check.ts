import type { BlockKitMessage, Button } from '../../src/slack/render/block-kit';
import { BLOCK_KIT_LIMITS as L } from '../../src/slack/render/block-kit-limits';

/** Every Block Kit limit a message breaks (Slack has no offline validator; this is ours). */
export function blockKitProblems(message: BlockKitMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('blocks', message.blocks.length, L.blocksPerMessage);
  over('fallback text', message.text.length, L.fallbackText);
  if (message.text.trim() === '') problems.push('fallback text is empty');
  let total = 0;
  const checkButton = (b: Button, where: string) => {
    over(`${where} button text`, b.text.text.length, L.buttonText);
    over(`${where} action_id`, b.action_id.length, L.actionId);
    if (b.value !== undefined) over(`${where} button value`, b.value.length, L.buttonValue);
    if (b.url !== undefined) over(`${where} button url`, b.url.length, L.url);
    total += b.text.text.length;
  };
  message.blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    switch (block.type) {
      case 'header':
        over(`${where} text`, block.text.text.length, L.headerText);
        total += block.text.text.length;
        break;
      case 'section':
        if (!block.text && !block.fields) problems.push(`${where} has neither text nor fields`);
        if (block.text) {
          over(`${where} text`, block.text.text.length, L.sectionText);
          total += block.text.text.length;
        }
        over(`${where} fields`, block.fields?.length ?? 0, L.sectionFields);
        for (const f of block.fields ?? []) {
          over(`${where} field`, f.text.length, L.fieldText);
          total += f.text.length;
        }
        if (block.accessory) checkButton(block.accessory, where);
        break;
      case 'context':
        over(`${where} elements`, block.elements.length, L.contextElements);
        for (const e of block.elements) {
          over(`${where} element`, e.text.length, L.sectionText);
          total += e.text.length;
        }
        break;
      case 'actions':
        over(`${where} elements`, block.elements.length, L.actionsElements);
        if (block.elements.length === 0) problems.push(`${where} is empty`);
        for (const b of block.elements) checkButton(b, where);
        break;
      case 'divider':
        break;
    }
  });
  const actionIds = message.blocks.flatMap((b) =>
    b.type === 'actions' ? b.elements.map((e) => e.action_id) : [],
  );
  if (new Set(actionIds).size !== actionIds.length) problems.push('duplicate action_id in one actions block');
  over('total block text', total, L.totalBlockText);
  return problems;
}
