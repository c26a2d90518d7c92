// The demo portal page: a live task board on Task, built only on the public client API.
import { Collection, OptimisticManager, RealtimeClient, tokenExpiry } from '../syncline/index.js';
import { mountNewTaskForm } from './new-task-form.js';
import { mountViewPrefs } from './view-prefs.js';
import { validateAsYouType } from './task-form.js';
import { titleEditor } from './title-fields.js';

const STATUSES = ['open', 'doing', 'done'];
const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(location.search);
const user =
  params.get('user') || sessionStorage.getItem('syncline.user') || 'guest-' + Math.random().toString(36).slice(2, 6);
sessionStorage.setItem('syncline.user', user);

// Development mode mints tokens; a real portal would hand over its SSO token here instead.
let token = null;
async function getToken({ reason } = {}) {
  const fresh = token && reason !== 'rejected' && (tokenExpiry(token) ?? 0) * 1000 > Date.now() + 60000;
  if (fresh) return token;
  const response = await fetch('api/dev/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, roles: ['user'], email: `${user}@example.com` }),
  });
  if (!response.ok) {
    notice('This demo needs the server in development mode (see the README).');
    throw new Error('no dev token: ' + response.status);
  }
  token = (await response.json()).token;
  return token;
}

function notice(text) {
  $('#notice').hidden = !text;
  $('#notice').textContent = text || '';
}

const client = new RealtimeClient({ token: getToken });
const tasks = new Collection(client, 'Task');
const optimistic = new OptimisticManager(client, {
  onConflict: (conflict) => {
    notice(`Someone changed "${conflict.remote?.data?.title ?? conflict.entityId}" first; kept their version.`);
    conflict.resolve('remote');
  },
});
const room = client.room('board');
const saveTitle = titleEditor(client, {
  onLost: (lost) => notice(`Someone retitled this task "${lost.serverValue}" after your edit; kept theirs.`),
});
window.syncline = { client, tasks, room, user }; // for the console (and the browser tests)

// --- status badge ---
function renderStatus() {
  const state = client.state.value;
  const badge = $('#status');
  badge.className = 'badge ' + state;
  badge.textContent = state === 'open' ? `live · ${client.transport.value}` : state;
  badge.dataset.state = state;
  badge.dataset.transport = client.transport.value || '';
}
client.state.subscribe(renderStatus);
client.transport.subscribe(renderStatus);

// --- presence avatars ---
const colour = (id) => `hsl(${[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7)} 55% 45%)`;
room.presence.members.subscribe((members) => {
  $('#presence').replaceChildren(
    ...members.map((member) => {
      const avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.dataset.user = member.id;
      avatar.title = member.id + (member.id === user ? ' (you)' : '');
      avatar.style.background = colour(member.id);
      avatar.textContent = member.id.slice(0, 2).toUpperCase();
      return avatar;
    }),
  );
});

// --- typing indicator ---
const typing = new Map();
let lastTyped = 0;
function renderTyping() {
  const names = [...typing.keys()];
  $('#typing').textContent = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…` : '';
}
room.on('typing', (data, meta) => {
  const who = meta.from || data.user;
  clearTimeout(typing.get(who));
  typing.set(
    who,
    setTimeout(() => typing.delete(who) && renderTyping(), 2500),
  );
  renderTyping();
});
function typed() {
  if (Date.now() - lastTyped < 800) return;
  lastTyped = Date.now();
  room.broadcast('typing', { user }, { volatile: true });
}
$('#new-task').addEventListener('input', typed);

// --- the board ---
let editing = null;
function card(task) {
  const li = document.createElement('li');
  li.className = 'card' + (task._optimistic ? ' optimistic' : '');
  li.dataset.id = task.id;
  li.dataset.testid = 'card';
  const index = STATUSES.indexOf(task.status || 'open');
  const button = (label, title, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.dataset.action = title.split(' ')[0].toLowerCase();
    b.addEventListener('click', action);
    return b;
  };
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = task.title;
  title.addEventListener('dblclick', () => edit(li, task));
  li.append(
    button('←', 'Move left', () => move(task, -1)),
    title,
    button('→', 'Move right', () => move(task, 1)),
    button('×', 'Delete task', () => optimistic.delete(tasks, task.id).catch(failed)),
  );
  li.querySelector('[data-action=move]').disabled = index === 0;
  li.querySelectorAll('[data-action=move]')[1].disabled = index === STATUSES.length - 1;
  return li;
}

function edit(li, task) {
  editing = task.id;
  const input = document.createElement('input');
  input.value = task.title;
  input.dataset.testid = 'edit-title';
  input.addEventListener('input', typed);
  const done = (save) => {
    editing = null;
    if (save && input.value.trim() && input.value !== task.title) {
      saveTitle(task.id, input.value.trim()).catch(failed);
    }
    render();
  };
  input.addEventListener('keydown', (e) => (e.key === 'Enter' ? done(true) : e.key === 'Escape' && done(false)));
  input.addEventListener('blur', () => editing === task.id && done(true));
  li.querySelector('.title').replaceWith(input);
  input.focus();
}

function move(task, step) {
  const status = STATUSES[Math.min(STATUSES.length - 1, Math.max(0, STATUSES.indexOf(task.status || 'open') + step))];
  optimistic.update(tasks, task.id, { status }).catch(failed);
}

function failed(error) {
  if (error.code !== 'conflict') notice(`Not saved: ${error.message}`);
}

function render() {
  if (editing) return; // redrawn when the edit ends
  for (const status of STATUSES) {
    const list = document.querySelector(`[data-testid=column-${status}]`);
    list.replaceChildren(...tasks.items.value.filter((t) => (t.status || 'open') === status).map(card));
  }
}
tasks.items.subscribe(render);

// --- schema-driven parts (docs/schemas.md) ---
const newTask = mountNewTaskForm(client, $('#new-task-fields'), { tasks });
const view = mountViewPrefs(client, $('#view-prefs'), { notice });
Object.assign(window.syncline, { newTask, view });

// The server's form `Task` checks the title as the user types (docs/validation.md).
const titleCheck = validateAsYouType(client, {
  container: $('#new-task-fields'),
  message: $('#new-title-error'),
});

$('#new-task').addEventListener('submit', (event) => {
  event.preventDefault();
  const { valid, values } = newTask.form.submit();
  if (!valid) return;
  newTask.form.reset();
  titleCheck.reset();
  optimistic.create(tasks, { ...values, status: 'open' }).catch(failed);
});

client.connect();
tasks.load().catch((error) => notice('Could not load the board: ' + error.message));
