// The admin page: polls /api/admin/overview (role admin) and plots the server's load.
import { plot } from './plot.js';

const params = new URLSearchParams(location.search);
const statusLine = document.getElementById('status');
let token = new URLSearchParams(location.hash.slice(1)).get('token') || sessionStorage.getItem('syncline.admin.token');
let timer = null;

// Development mode mints a token for ?user= with ?roles= (default admin); anywhere else, open the
// page as /admin/#token=<an admin's JWT>.
async function getToken() {
  if (token) return token;
  const response = await fetch('../api/dev/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: params.get('user') || 'admin', roles: (params.get('roles') || 'admin').split(',') }),
  });
  if (!response.ok) throw Object.assign(new Error('open this page as /admin/#token=<an admin token>'), { refused: true });
  token = (await response.json()).token;
  return token;
}

async function api(method, path) {
  const response = await fetch('../api/admin/' + path, { method, headers: { Authorization: 'Bearer ' + (await getToken()) } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.message || response.statusText), { status: response.status, refused: response.status === 401 || response.status === 403 });
  return body;
}

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

function button(row, label, action) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await action();
      await refresh();
    } catch (error) {
      status('error', error.message);
    }
  });
  row.insertCell().append(b);
  return b;
}

function fill(testid, rows, render) {
  const body = document.querySelector(`[data-testid=${testid}] tbody`);
  body.replaceChildren();
  for (const item of rows) render(body.insertRow(), item);
}

function status(state, text) {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}

function render(overview) {
  document.getElementById('main').hidden = false;
  for (const canvas of document.querySelectorAll('canvas[data-series]')) {
    const series = canvas.dataset.series;
    plot(canvas, overview.samples.map((s) => ({ time: s.time, value: s[series] })), overview.now);
  }
  document.querySelector('[data-testid=feed-head]').textContent = overview.feed.head;
  document.querySelector('[data-testid=feed-delivered]').textContent = overview.feed.delivered;
  document.querySelector('[data-testid=feed-lag]').textContent = overview.feed.lag;
  fill('connections', overview.connections, (row, c) => {
    row.dataset.connection = c.id;
    row.dataset.user = c.user;
    for (const text of [c.user, c.endpoint, c.dialect, new Date(c.opened).toLocaleTimeString(), c.framesIn, c.framesOut, c.queued, c.channels]) cell(row, text);
    button(row, 'Disconnect', () => api('POST', `connections/${encodeURIComponent(c.id)}/disconnect`)).dataset.action = 'disconnect';
  });
  fill('channels', overview.channels, (row, c) => {
    row.dataset.channel = c.channel;
    for (const text of [c.channel, c.delivered, c.subscribers]) cell(row, text);
    button(row, 'Force resync', () => api('POST', `channels/${encodeURIComponent(c.channel)}/resync`)).dataset.action = 'resync';
  });
  fill('presence', overview.presence, (row, room) => {
    cell(row, room.resource);
    cell(row, room.members.join(', '));
  });
  fill('errors', overview.errors, (row, e) => {
    for (const text of [new Date(e.time).toLocaleTimeString(), e.level, e.logger.replace(/^io\.syncline\./, ''), e.message]) cell(row, text);
  });
  status('live', `live · sampled every ${overview.sampleIntervalMs / 1000} s · ${new Date(overview.now).toLocaleTimeString()}`);
  return overview.sampleIntervalMs;
}

async function refresh() {
  const overview = await api('GET', 'overview');
  return render(overview);
}

async function loop() {
  let interval = 2000;
  try {
    interval = await refresh();
  } catch (error) {
    if (error.refused) {
      const refused = document.getElementById('refused');
      refused.hidden = false;
      refused.textContent = 'Refused: ' + error.message;
      document.getElementById('main').hidden = true;
      status('refused', 'refused');
      return;
    }
    status('error', 'cannot reach the server: ' + error.message);
  }
  timer = setTimeout(loop, Math.max(1000, interval));
}

if (token) sessionStorage.setItem('syncline.admin.token', token);
loop();
addEventListener('pagehide', () => clearTimeout(timer));
