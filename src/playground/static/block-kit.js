// A small renderer of exactly the Block Kit the bot emits (header, section with text, fields and a button,
// context, divider, actions), styled close to Slack. Text is put in with textContent only: mrkdwn is read
// here, never handed to innerHTML, so API text cannot run or inject anything in the page.

const EMOJI = {
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_green_circle: '🟢',
  large_blue_circle: '🔵',
  white_circle: '⚪',
  black_circle: '⚫',
  warning: '⚠️',
  white_check_mark: '✅',
  hourglass: '⏳',
};

const unescapeEntities = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack's date token shows each reader their own time: here, the browser's. */
function dateToken(seconds, fallback) {
  const d = new Date(Number(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return fallback;
  return d.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** mrkdwn → DOM nodes: *bold*, _italic_, `code`, <!date^…|fallback>, :emoji:, entities. */
export function mrkdwn(text) {
  const out = document.createDocumentFragment();
  const pattern = /<!date\^(\d+)\^[^|>]*\|([^>]*)>|`([^`]+)`|\*([^*\n]+)\*|_([^_\n]+)_|:([a-z_]+):/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.append(unescapeEntities(text.slice(last, m.index)));
    if (m[1]) out.append(dateToken(m[1], unescapeEntities(m[2])));
    else if (m[3]) out.append(el('code', 'bk-code', unescapeEntities(m[3])));
    else if (m[4]) out.append(el('b', '', unescapeEntities(m[4])));
    else if (m[5]) out.append(el('i', '', unescapeEntities(m[5])));
    else out.append(EMOJI[m[6]] ?? m[0]);
    last = m.index + m[0].length;
  }
  out.append(unescapeEntities(text.slice(last)));
  return out;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function textOf(t) {
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : document.createTextNode(t.text);
}

function button(b, onButton) {
  if (b.url) {
    const a = el('a', 'bk-button', b.text.text);
    a.href = b.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  const node = el('button', 'bk-button', b.text.text);
  node.type = 'button';
  node.dataset.actionId = b.action_id;
  node.addEventListener('click', () => onButton(b.action_id, b.value));
  return node;
}

/** Draws `message` ({ text, blocks }) into `root`; a button click calls onButton(actionId, value). */
export function renderBlockKit(root, message, onButton) {
  root.replaceChildren();
  for (const block of message.blocks ?? []) {
    switch (block.type) {
      case 'header':
        root.append(el('div', 'bk-header', block.text.text));
        break;
      case 'section': {
        if (block.fields) {
          const grid = el('div', 'bk-fields');
          for (const f of block.fields) {
            const cell = el('div', '');
            cell.append(textOf(f));
            grid.append(cell);
          }
          root.append(grid);
          break;
        }
        const row = el('div', 'bk-section');
        const text = el('div', '');
        text.append(textOf(block.text));
        row.append(text);
        if (block.accessory?.type === 'button') row.append(button(block.accessory, onButton));
        root.append(row);
        break;
      }
      case 'context': {
        const row = el('div', 'bk-context');
        for (const e of block.elements) row.append(textOf(e));
        root.append(row);
        break;
      }
      case 'divider':
        root.append(el('hr', 'bk-divider'));
        break;
      case 'actions': {
        const row = el('div', 'bk-actions');
        for (const b of block.elements) row.append(button(b, onButton));
        root.append(row);
        break;
      }
      default:
        root.append(el('div', 'bk-context', `(${block.type} block)`));
    }
  }
}
