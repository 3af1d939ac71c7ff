// Fieldline dashboard: fleet table, live alert feed (EventSource), per-device chart, rule editor.
'use strict';

const FEED_MAX = 100;
const POINTS_MAX = 500;
const state = { device: null, metric: null, chart: null, devicesTimer: null };
window.fieldline = state;

const $ = (id) => document.getElementById(id);
const fmtTime = (ms) => (ms > 0 ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '-');

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(url + ' -> ' + r.status);
  return r.json();
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

async function loadDevices() {
  const devices = await getJson('/api/devices');
  const body = $('devices').querySelector('tbody');
  body.replaceChildren();
  for (const d of devices) {
    const tr = document.createElement('tr');
    tr.dataset.deviceId = d.deviceId;
    if (d.deviceId === state.device) tr.classList.add('selected');
    cell(tr, d.deviceId);
    const h = cell(tr, '');
    const badge = document.createElement('span');
    badge.className = 'badge health-' + d.health;
    badge.textContent = d.health;
    h.appendChild(badge);
    cell(tr, String(d.openAlerts || 0), 'open-alerts');
    cell(tr, fmtTime(d.lastSeenMs));
    cell(tr, d.remainingLife ? d.remainingLife.value.toFixed(1) + ' (' + d.remainingLife.metric + ')' : '-');
    tr.addEventListener('click', () => selectDevice(d.deviceId));
    body.appendChild(tr);
  }
  $('device-count').textContent = '(' + devices.length + ')';
  const select = $('device-select');
  const ids = devices.map((d) => d.deviceId);
  if (select.options.length !== ids.length || ids.some((id, i) => select.options[i].value !== id)) {
    select.replaceChildren(...ids.map((id) => new Option(id, id)));
  }
  if (!state.device && ids.length > 0) {
    await selectDevice(ids[0]);
  } else if (state.device) {
    select.value = state.device;
  }
}

function scheduleDevices() {
  // Many events can arrive at once; refresh the fleet table at most twice a second.
  if (state.devicesTimer) return;
  state.devicesTimer = setTimeout(() => {
    state.devicesTimer = null;
    loadDevices().catch(console.error);
  }, 500);
}

// An alert about the past (a backlog replayed after an edge outage) says how late it came.
function reportedLate(a) {
  const lag = a.detectionTimeMs - a.eventTimeMs;
  if (!(a.eventTimeMs > 0) || !(lag >= 60000)) return '';
  const when = lag >= 3600000 ? (lag / 3600000).toFixed(1) + ' h' : Math.round(lag / 60000) + ' min';
  return ' (happened ' + when + ' before it was reported)';
}

function addFeedItem(a, prepend) {
  const li = document.createElement('li');
  li.className = a.severity;
  li.dataset.alertId = a.alertId;
  li.textContent = fmtTime(a.eventTimeMs) + '  ' + a.severity + '  ' + a.deviceId + '  ' +
      (a.cleared ? '[cleared] ' : '') + a.message + reportedLate(a);
  const feed = $('alert-feed');
  if (prepend) feed.prepend(li); else feed.appendChild(li);
  while (feed.children.length > FEED_MAX) feed.lastChild.remove();
}

async function loadAlerts() {
  const alerts = await getJson('/api/alerts?limit=50');
  $('alert-feed').replaceChildren();
  alerts.forEach((a) => addFeedItem(a, false));
}

async function selectDevice(id) {
  state.device = id;
  $('device-select').value = id;
  document.querySelectorAll('#devices tbody tr').forEach((tr) =>
    tr.classList.toggle('selected', tr.dataset.deviceId === id));
  const device = await getJson('/api/devices/' + encodeURIComponent(id));
  const metrics = device.metrics || [];
  $('metric-select').replaceChildren(...metrics.map((m) => new Option(m, m)));
  state.metric = metrics.includes(state.metric) ? state.metric : metrics[0] || null;
  if (state.metric) $('metric-select').value = state.metric;
  await loadChart();
}

function makeChart() {
  return new Chart($('series-chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'mean', data: [], borderColor: '#2f6fdb', pointRadius: 0, tension: 0.2 },
      { label: 'min', data: [], borderColor: 'transparent', pointRadius: 0, fill: false },
      { label: 'max', data: [], borderColor: 'transparent', backgroundColor: '#2f6fdb22', pointRadius: 0, fill: '-1' },
      { label: 'alerts', type: 'scatter', data: [], pointStyle: 'triangle', pointRadius: 8,
        backgroundColor: '#c62828', borderColor: '#c62828' },
    ] },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      scales: { x: { type: 'linear', ticks: { callback: (v) => fmtTime(v).slice(11) } } },
      plugins: { tooltip: { callbacks: { title: (items) => fmtTime(items[0].parsed.x),
        label: (item) => item.raw.label || (item.dataset.label + ': ' + item.parsed.y.toFixed(2)) } } },
    },
  });
}

async function loadChart() {
  if (!state.chart) state.chart = makeChart();
  const [mean, min, max, alerts] = state.chart.data.datasets;
  [mean, min, max, alerts].forEach((d) => { d.data = []; });
  if (state.device && state.metric) {
    const q = '?metric=' + encodeURIComponent(state.metric);
    const series = await getJson('/api/devices/' + encodeURIComponent(state.device) + '/series' + q);
    series.filter((p) => p.windowKind !== 'sliding').forEach(addPoint);
    const found = await getJson('/api/alerts?limit=200&device=' + encodeURIComponent(state.device));
    found.filter((a) => a.metric === state.metric).forEach(addAlertMark);
  }
  state.chart.update();
}

function addPoint(p) {
  const [mean, min, max] = state.chart.data.datasets;
  const x = p.windowEndMs;
  mean.data.push({ x, y: p.mean });
  min.data.push({ x, y: p.min });
  max.data.push({ x, y: p.max });
  [mean, min, max].forEach((d) => {
    d.data.sort((a, b) => a.x - b.x);
    if (d.data.length > POINTS_MAX) d.data.shift();
  });
}

function addAlertMark(a) {
  const alerts = state.chart.data.datasets[3];
  alerts.data.push({ x: a.eventTimeMs, y: a.value, label: a.kind + ' ' + a.severity + ': ' + a.message });
  if (alerts.data.length > POINTS_MAX) alerts.data.shift();
}

function connectStream() {
  const es = new EventSource('/api/stream');
  es.addEventListener('hello', () => { $('stream-status').textContent = 'live'; $('stream-status').className = 'badge live'; });
  es.onerror = () => { $('stream-status').textContent = 'reconnecting'; $('stream-status').className = 'badge'; };
  es.addEventListener('alert', (e) => {
    const a = JSON.parse(e.data);
    addFeedItem(a, true);
    scheduleDevices();
    if (state.chart && a.deviceId === state.device && a.metric === state.metric) {
      addAlertMark(a);
      state.chart.update('none');
    }
  });
  es.addEventListener('aggregate', (e) => {
    const p = JSON.parse(e.data);
    if (state.chart && p.deviceId === state.device && p.metric === state.metric && p.windowKind !== 'sliding') {
      addPoint(p);
      state.chart.update('none');
    }
    scheduleDevices();
  });
}

async function loadRules() {
  const rules = await getJson('/api/rules');
  const body = $('rule-table').querySelector('tbody');
  body.replaceChildren();
  for (const r of rules) {
    const tr = document.createElement('tr');
    tr.dataset.ruleId = r.ruleId;
    [r.ruleId, r.deviceGlob, r.metricGlob, r.kind.replace('RULE_', '').toLowerCase(),
      r.lower ?? '', r.upper ?? '', r.severity, r.enabled ? 'yes' : 'no'].forEach((v) => cell(tr, String(v)));
    const actions = cell(tr, '');
    const edit = document.createElement('button');
    edit.textContent = 'edit';
    edit.addEventListener('click', () => fillForm(r));
    const del = document.createElement('button');
    del.textContent = 'delete';
    del.className = 'delete-rule';
    del.addEventListener('click', () => deleteRule(r.ruleId));
    actions.append(edit, del);
    body.appendChild(tr);
  }
}

function fillForm(r) {
  $('rule-id').value = r.ruleId;
  $('rule-device-glob').value = r.deviceGlob;
  $('rule-metric-glob').value = r.metricGlob;
  $('rule-kind').value = r.kind;
  $('rule-lower').value = r.lower ?? '';
  $('rule-upper').value = r.upper ?? '';
  $('rule-severity').value = r.severity;
  $('rule-enabled').checked = r.enabled;
  $('rule-description').value = r.description || '';
}

function ruleStatus(text, error) {
  $('rule-status').textContent = text;
  $('rule-status').className = error ? 'error' : '';
}

async function saveRule(ev) {
  ev.preventDefault();
  const num = (id) => ($(id).value === '' ? null : Number($(id).value));
  const id = $('rule-id').value.trim();
  const body = {
    deviceGlob: $('rule-device-glob').value || '*', metricGlob: $('rule-metric-glob').value || '*',
    kind: $('rule-kind').value, lower: num('rule-lower'), upper: num('rule-upper'),
    severity: $('rule-severity').value, enabled: $('rule-enabled').checked,
    description: $('rule-description').value,
  };
  const r = await fetch('/api/rules/' + encodeURIComponent(id), {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (r.ok) {
    ruleStatus('saved ' + id, false);
    await loadRules();
  } else {
    const p = await r.json().catch(() => ({}));
    ruleStatus((p.parameter ? p.parameter + ': ' : '') + (p.detail || r.status), true);
  }
}

async function deleteRule(id) {
  const r = await fetch('/api/rules/' + encodeURIComponent(id), { method: 'DELETE' });
  ruleStatus(r.ok ? 'deleted ' + id : 'delete failed: ' + r.status, !r.ok);
  await loadRules();
}

document.addEventListener('DOMContentLoaded', async () => {
  $('device-select').addEventListener('change', (e) => selectDevice(e.target.value));
  $('metric-select').addEventListener('change', (e) => { state.metric = e.target.value; loadChart(); });
  $('rule-form').addEventListener('submit', saveRule);
  connectStream();
  await Promise.all([loadDevices(), loadAlerts(), loadRules()]).catch(console.error);
  document.body.dataset.loaded = 'true';
});
