import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block } from '../../src/slack/render/block-kit';
import { renderAnswerBlockKit } from '../../src/slack/render/render-sessions-block-kit';
import { representativeViews } from '../contracts/representative-views';

// The playground draws Block Kit with its own small viewer (static/block-kit.js), not Slack's. Every
// shape the renderer can produce must be one the viewer draws, or the playground would show
// "(image block)" where Slack shows the answer: a new element in the renderer fails here first.

const VIEWER = readFileSync(join(__dirname, '../../src/playground/static/block-kit.js'), 'utf8');

/** The shapes a message uses: block types, and the parts of a block the viewer must read. */
function shapesOf(blocks: Block[]): Set<string> {
  const shapes = new Set<string>();
  for (const b of blocks) {
    shapes.add(`block:${b.type}`);
    if (b.type === 'section') {
      if (b.fields) shapes.add('section:fields');
      if (b.text) shapes.add(`text:${b.text.type}`);
      if (b.accessory) shapes.add(`accessory:${b.accessory.type}`);
    }
    if (b.type === 'context') for (const e of b.elements) shapes.add(`text:${e.type}`);
    if (b.type === 'actions')
      for (const e of b.elements) shapes.add(e.url ? 'button:link' : `button:${e.type}`);
  }
  return shapes;
}

/** Where in the viewer each shape is drawn. */
const DRAWN_BY: Record<string, RegExp> = {
  'block:header': /case 'header'/,
  'block:section': /case 'section'/,
  'block:context': /case 'context'/,
  'block:divider': /case 'divider'/,
  'block:actions': /case 'actions'/,
  'section:fields': /block\.fields/,
  'text:mrkdwn': /t\.type === 'mrkdwn' \? mrkdwn\(/,
  'text:plain_text': /document\.createTextNode\(t\.text\)/,
  'accessory:button': /block\.accessory\?\.type === 'button'/,
  'button:button': /dataset\.actionId = b\.action_id/,
  'button:link': /if \(b\.url\)/,
};

describe("the playground's Block Kit viewer", () => {
  const used = new Set<string>();
  for (const [, view] of representativeViews()) {
    for (const shareable of [false, true])
      for (const s of shapesOf(renderAnswerBlockKit(view, { shareable }).blocks)) used.add(s);
  }

  it('sees the renderer use the shapes it knows of', () => {
    expect(used.size).toBeGreaterThan(6);
  });

  it.each([...used].sort())('draws %s', (shape) => {
    const where = DRAWN_BY[shape];
    if (!where) throw new Error(`the renderer produces ${shape}, which the viewer was never taught to draw`);
    expect(VIEWER).toMatch(where);
  });
});
