// The playground page: one question, two renderings. Every button goes back to the bot's core through the
// playground's API, exactly as a Slack block action or a Teams Action.Execute would.
import { renderBlockKit } from '/playground/block-kit.js';

const $ = (id) => document.getElementById(id);
const slackRoot = $('slack');
const teamsRoot = $('teams');

// With PLAYGROUND_TOKEN set, the page is opened as /?token=…: kept for this tab, then dropped from the URL.
const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('playground-token');
if (token) {
  sessionStorage.setItem('playground-token', token);
  history.replaceState(null, '', location.pathname);
}
const auth = token ? { authorization: `Bearer ${token}` } : {};

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

function zone() {
  return $('zone').value;
}

async function busy(root, work) {
  root.classList.add('busy');
  root.setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (error) {
    $(root === slackRoot ? 'slack-note' : 'teams-note').textContent = String(error.message ?? error);
  } finally {
    root.classList.remove('busy');
    root.removeAttribute('aria-busy');
  }
}

function showSlack(message) {
  $('slack-note').textContent = '';
  renderBlockKit(slackRoot, message, (actionId, value) =>
    busy(slackRoot, async () => {
      const answer = await post('/playground/api/slack-action', { actionId, value });
      if (answer.note) $('slack-note').textContent = answer.note;
      else showSlack(answer.slack);
    }),
  );
}

function showTeams(rendered) {
  $('teams-note').textContent = '';
  const card = new AdaptiveCards.AdaptiveCard();
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, '_blank', 'noopener');
      return;
    }
    busy(teamsRoot, async () => {
      const answer = await post('/playground/api/teams-action', {
        verb: action.verb ?? '',
        data: action.data ?? {},
      });
      if (answer.note) $('teams-note').textContent = answer.note;
      else showTeams(answer.teams);
    });
  };
  card.parse(rendered.card);
  teamsRoot.replaceChildren(card.render());
}

function showBoth(answer) {
  showSlack(answer.slack);
  showTeams(answer.teams);
}

async function ask(event) {
  event?.preventDefault();
  const text = $('question').value.replace(/^\/sessions\b\s*/, '');
  await busy(slackRoot, async () =>
    showBoth(await post('/playground/api/ask', { text, timeZone: zone(), locale: navigator.language })),
  );
}

async function refreshState(state) {
  const s = state ?? (await (await fetch('/playground/api/simulator', { headers: auth })).json());
  if (s.mode !== 'simulator') {
    $('faults').hidden = true;
    return;
  }
  $('state').textContent = `${s.sessions} sessions, ${s.policies} policies, ${s.vms} VMs; API ${s.veeam}`;
  for (const radio of document.querySelectorAll('input[name=veeam]')) radio.checked = radio.value === s.veeam;
}

function fillZones() {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [mine, 'UTC'];
  for (const z of new Set([mine, 'UTC', ...zones])) $('zone').append(new Option(z, z, false, z === mine));
}

fillZones();
$('ask-form').addEventListener('submit', ask);
$('digest').addEventListener('click', () =>
  busy(slackRoot, async () => showBoth(await post('/playground/api/digest', { timeZone: zone() }))),
);
// What `digest daily …` said here has posted since: the newest, kept by the bot in memory.
$('posted').addEventListener('click', () =>
  busy(slackRoot, async () => {
    const res = await fetch('/playground/api/digests', { headers: auth });
    const posted = await res.json();
    if (!res.ok) throw new Error(posted.error ?? `HTTP ${res.status}`);
    if (posted.length === 0) {
      $('slack-note').textContent =
        'No digest has been posted here yet: say digest daily 08:00, and the schedule posts one here at 08:00.';
      return;
    }
    showBoth(posted[0]);
    $('slack-note').textContent = `Posted at ${new Date(posted[0].at).toLocaleString()}.`;
  }),
);
// The playground's channel: posts newest first, each alert's thread under it, drawn as Slack draws them.
async function refreshChannel() {
  const res = await fetch('/playground/api/digests', { headers: auth });
  if (!res.ok) return;
  const posts = await res.json();
  const list = $('channel');
  const items = [];
  for (const p of posts.filter((x) => !x.replyTo)) {
    const item = document.createElement('li');
    item.className = 'channel-post';
    item.append(postElement(p));
    const thread = posts.filter((r) => r.replyTo === p.id).reverse();
    if (thread.length > 0) {
      const replies = document.createElement('ol');
      replies.className = 'thread';
      for (const r of thread) {
        const li = document.createElement('li');
        li.append(postElement(r));
        replies.append(li);
      }
      item.append(replies);
    }
    items.push(item);
  }
  list.replaceChildren(...items);
}

function postElement(p) {
  const box = document.createElement('div');
  box.className = 'slack-message';
  const time = document.createElement('time');
  time.dateTime = p.at;
  time.textContent = new Date(p.at).toLocaleTimeString();
  const draw = (message) =>
    renderBlockKit(box, message, (actionId, value) =>
      busy(box, async () => {
        const answer = await post('/playground/api/slack-action', { actionId, value, postId: p.id });
        if (answer.note) $('channel-note').textContent = answer.note;
        else if (actionId.startsWith('alerts.details')) showSlack(answer.slack);
        else draw(answer.slack);
      }),
    );
  draw(p.slack);
  const wrap = document.createElement('div');
  wrap.append(time, box);
  return wrap;
}

$('fail-now').addEventListener('click', async () => {
  try {
    const failed = await post('/playground/api/fail-now', {});
    $('channel-note').textContent = failed.error
      ? failed.error
      : `${failed.policy} failed just now; its alert comes with the next check.`;
  } catch (error) {
    $('channel-note').textContent = String(error.message ?? error);
  }
});
setInterval(() => {
  if (!document.hidden) refreshChannel().catch(() => {});
}, 2_000);
refreshChannel().catch(() => {});

for (const radio of document.querySelectorAll('input[name=veeam]')) {
  radio.addEventListener('change', async () =>
    refreshState(await post('/playground/api/faults', { veeam: radio.value })),
  );
}
refreshState().catch(() => {});
ask();
