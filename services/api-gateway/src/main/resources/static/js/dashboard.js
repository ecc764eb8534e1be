import { $, el, fetchJson } from './dom.js';
import { countryName, eventName, formatTime, initI18n, t, tOr } from './i18n.js';
import { bindSignOut, showSignIn } from './session.js';

// Live from the reporting service's Server-Sent Events stream: the current numbers at once, then a
// new report after every change (at most a few a second). The browser's EventSource reconnects by
// itself; a refused stream (no data about the event yet, or the service down) is retried here.

const EVENT_KEY = 'entrada.dashboard.eventId';
const RETRY_MS = 5000;
const STALE_DEVICE_MS = 5 * 60 * 1000;
const MADRID = 'Europe/Madrid';

const eventSelect = $('#dash-event');

let events = [];
let eventsFailed = false;
let attendance = null;
let receivedAt = null; // Date.now() when the report arrived
let clockOffset = 0; // the reporting service's clock minus ours
let state = 'loading'; // loading | live | stale | empty | signedOut
let source = null;
let retryTimer = null;
let generation = 0;
let chart = null;

function selectedEvent() {
  return events.find((event) => event.id === eventSelect.value) || null;
}

function nameOf(list, id) {
  const item = Array.isArray(list) ? list.find((candidate) => (candidate.id ?? candidate.code) === id) : null;
  return item ? item.name || item.title || id : id;
}

function number(value) {
  return typeof value === 'number' ? value.toLocaleString() : '–';
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(document.documentElement.lang || 'es', { timeStyle: 'medium', timeZone: MADRID }).format(date);
}

/**
 * A table; cells are text, numbers, or {bar: value, max} drawn as a progress bar. Rows may carry a
 * className (e.g. 'stale').
 */
function table(columns, rows) {
  if (rows.length === 0) return el('p', { className: 'muted', text: t('dash.none') });
  const cell = (value, i) => {
    if (i === 0) return el('th', { scope: 'row', text: value ?? '' });
    if (value && typeof value === 'object' && 'bar' in value) {
      return el('td', { className: 'bar-cell' }, el('progress', { className: 'bar', max: Math.max(1, value.max), value: value.bar, title: String(value.bar) }));
    }
    return el('td', { className: typeof value === 'number' ? 'num' : null, text: typeof value === 'number' ? number(value) : (value ?? '') });
  };
  return el('table', { className: 'table' },
    el('thead', {}, el('tr', {}, columns.map((column, i) => el('th', { scope: 'col', className: i > 0 ? 'num' : null, text: column })))),
    el('tbody', {}, rows.map((row) => el('tr', { className: row.className || null }, row.map(cell)))));
}

/** Registered / checked in per key, with a bar of the checked-in share. */
function breakdown(container, label, rows) {
  const max = Math.max(1, ...rows.map((row) => Math.max(row.registered || 0, row.checkedIn || 0)));
  $(container).replaceChildren(table([label, t('dash.registered'), t('dash.checkedIn'), ''],
    rows.map((row) => [row.label, row.registered, row.checkedIn, { bar: row.checkedIn || 0, max: row.registered || max }])));
}

function renderStatus() {
  const status = $('#dash-status');
  status.dataset.state = state;
  if (state === 'signedOut') {
    showSignIn(status);
    return;
  }
  let text = '';
  if (eventsFailed) text = t('common.eventsError');
  else if (state === 'live' && receivedAt) text = t('dashboard.live', { time: formatTime(new Date(receivedAt)) });
  else if (state === 'stale') text = receivedAt ? t('dash.stale', { time: formatTime(new Date(receivedAt)) }) : t('result.unavailable');
  else if (state === 'empty') text = t('dash.noData');
  else text = t('dashboard.connecting');
  status.textContent = text;
  status.dataset.state = state;
}

function renderChart(a) {
  const box = $('#chart-arrivals');
  const rows = list(a.arrivalsPerMinute);
  if (typeof window.uPlot !== 'function' || rows.length === 0) {
    if (chart) chart.destroy();
    chart = null;
    box.replaceChildren(el('p', { className: 'muted', text: t('dash.none') }));
    return;
  }
  const xs = [];
  const total = [];
  const perMinute = [];
  let sum = 0;
  for (const row of rows) {
    xs.push(Date.parse(row.at) / 1000);
    sum += row.count;
    total.push(sum);
    perMinute.push(row.count);
  }
  const data = [xs, total, perMinute];
  const width = Math.max(280, box.clientWidth || 600);
  if (chart) {
    chart.setData(data);
    if (chart.width !== width) chart.setSize({ width, height: 280 });
    return;
  }
  box.replaceChildren();
  const { uPlot } = window;
  chart = new uPlot({
    width,
    height: 280,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), MADRID),
    scales: { x: { time: true }, total: { auto: true }, minute: { auto: true } },
    legend: { live: false },
    series: [
      {},
      { label: t('dash.checkedIn'), scale: 'total', stroke: '#0b4f8a', width: 4, paths: uPlot.paths.stepped({ align: 1 }) },
      { label: t('dashboard.perMinute'), scale: 'minute', stroke: '#1e7b34', fill: 'rgba(30, 123, 52, 0.3)', paths: uPlot.paths.bars({ size: [0.9, 40] }) },
    ],
    axes: [{}, { scale: 'total' }, { scale: 'minute', side: 1, grid: { show: false } }],
  }, data, box);
}

function renderDevices(a) {
  const serverNow = Date.now() + clockOffset;
  const devices = list(a.devices);
  $('#table-devices').replaceChildren(table([t('dashboard.device'), t('dash.checkpoint'), t('dashboard.lastContact'), t('dashboard.facts')],
    devices.map((device) => {
      const stale = serverNow - Date.parse(device.lastContactAt) > STALE_DEVICE_MS;
      const row = [device.deviceId, nameOf(selectedEvent()?.checkpoints, device.checkpointId) ?? '',
        `${time(device.lastContactAt)}${stale ? ` · ${t('dashboard.stale')}` : ''}`, device.facts];
      row.className = stale ? 'stale' : null;
      return row;
    })));
}

function render() {
  const a = attendance || {};
  const event = selectedEvent() || {};
  $('#kpi-registered').textContent = number(a.registered);
  $('#kpi-checkedIn').textContent = number(a.checkedIn);
  $('#kpi-inside').textContent = number(a.inside);
  $('#kpi-capacity').textContent = attendance ? (a.capacity == null ? '∞' : number(a.capacity)) : '–';
  $('#stat-waitlisted').textContent = number(a.waitlisted);
  $('#stat-cancelled').textContent = number(a.cancelled);
  $('#stat-rejected').textContent = number(a.rejected ? a.rejected.total : undefined);
  $('#stat-conflicts').textContent = number(a.conflicts);
  $('#stat-organizations').textContent = number(a.organizationsPresent);

  const byCheckpoint = list(a.byCheckpoint);
  const most = Math.max(1, ...byCheckpoint.map((row) => row.checkedIn || 0));
  $('#table-checkpoint').replaceChildren(table([t('dash.checkpoint'), t('dash.checkedIn'), ''],
    byCheckpoint.map((row) => [nameOf(event.checkpoints, row.checkpointId), row.checkedIn, { bar: row.checkedIn, max: most }])));
  breakdown('#table-ticketType', t('dash.ticketType'),
    list(a.byTicketType).map((row) => ({ ...row, label: row.ticketType ? nameOf(event.ticketTypes, row.ticketType) : t('dashboard.unknown') })));
  breakdown('#table-country', t('dash.country'),
    list(a.byCountry).map((row) => ({ ...row, label: row.country ? countryName(row.country) : t('dashboard.unknown') })));
  breakdown('#table-kind', t('dashboard.kind'),
    list(a.byOrganizationKind).map((row) => ({ ...row, label: row.organizationKind ? tOr(`kind.${row.organizationKind}`, row.organizationKind) : t('dashboard.unknown') })));
  breakdown('#table-session', t('dashboard.session'),
    list(a.bySession).map((row) => ({ ...row, label: row.title || nameOf(event.sessions, row.sessionId) })));
  breakdown('#table-organization', t('dashboard.organization'),
    list(a.byOrganization).map((row) => ({ ...row, label: row.organization })));

  $('#table-latest').replaceChildren(table([t('dashboard.time'), t('dash.checkpoint'), t('dash.ticketType'), t('dashboard.organization')],
    list(a.latestCheckIns).map((row) => [
      `${time(row.at)}${row.method === 'MANUAL' ? ` · ${t('dashboard.manual')}` : ''}`,
      nameOf(event.checkpoints, row.checkpointId),
      row.ticketType ? nameOf(event.ticketTypes, row.ticketType) : '',
      [row.organization, row.country ? countryName(row.country) : null].filter(Boolean).join(' · ')])));
  $('#table-conflicts').replaceChildren(table([t('dashboard.time'), t('dashboard.ticket'), t('dashboard.device'), t('dashboard.first')],
    list(a.latestConflicts).map((row) => [
      time(row.scannedAt),
      String(row.ticketId || '').slice(0, 8),
      [nameOf(event.checkpoints, row.checkpointId), row.deviceId].filter(Boolean).join(' · '),
      [time(row.firstScannedAt), nameOf(event.checkpoints, row.firstCheckpointId), row.firstDeviceId].filter(Boolean).join(' · ')])));
  $('#table-reason').replaceChildren(table([t('dash.reason'), t('dash.count')],
    Object.entries((a.rejected && a.rejected.byReason) || {}).map(([reason, count]) => [tOr(`reason.${reason}`, reason), count])));
  renderDevices(a);
  renderChart(a);
  renderStatus();
}

function renderEvents() {
  const wanted = eventSelect.value || localStorage.getItem(EVENT_KEY);
  eventSelect.replaceChildren(...events.map((event) => el('option', { value: event.id, text: eventName(event) })));
  if (events.some((event) => event.id === wanted)) eventSelect.value = wanted;
}

function streamUrl(eventId) {
  return `/api/reports/events/${encodeURIComponent(eventId)}/stream`;
}

/** Watches the selected event until another one is chosen (a new generation starts). */
function watch() {
  const mine = ++generation;
  if (source) source.close();
  source = null;
  clearTimeout(retryTimer);
  attendance = null;
  receivedAt = null;
  state = 'loading';
  if (chart) chart.destroy();
  chart = null;
  render();
  if (eventSelect.value) open(mine, eventSelect.value);
}

function open(mine, eventId) {
  const es = new EventSource(streamUrl(eventId));
  source = es;
  es.addEventListener('message', (message) => {
    if (mine !== generation) return;
    let report;
    try {
      report = JSON.parse(message.data);
    } catch {
      return;
    }
    attendance = report;
    receivedAt = Date.now();
    const generatedAt = Date.parse(report.generatedAt);
    clockOffset = Number.isNaN(generatedAt) ? 0 : generatedAt - receivedAt;
    state = 'live';
    render();
  });
  es.addEventListener('heartbeat', () => {
    if (mine === generation && attendance) renderDevices(attendance);
  });
  es.addEventListener('error', async () => {
    if (mine !== generation) return;
    if (es.readyState !== EventSource.CLOSED) {
      // The browser reconnects by itself (and gets the current numbers at once).
      state = attendance ? 'stale' : 'loading';
      renderStatus();
      return;
    }
    // Refused: no data about this event yet (404), or the service is down. Ask why, then retry.
    const res = await fetchJson(`/api/reports/events/${encodeURIComponent(eventId)}/attendance`);
    if (mine !== generation) return;
    if (res.status === 401 || res.status === 403) {
      // Signed out (expired or revoked): no retrying until the organiser signs in again.
      state = 'signedOut';
      renderStatus();
      return;
    }
    if (res.status === 404) {
      attendance = null;
      state = 'empty';
      render();
    } else {
      state = 'stale';
      renderStatus();
    }
    retryTimer = setTimeout(() => {
      if (mine === generation) open(mine, eventId);
    }, RETRY_MS);
  });
}

/** Downloads an organiser-only export (file: e.g. 'attendees.csv'); the session cookie signs it. */
async function download(file) {
  const status = $('#dash-export-status');
  const eventId = eventSelect.value;
  let response;
  try {
    response = await fetch(`/api/reports/events/${encodeURIComponent(eventId)}/exports/${file}`);
  } catch {
    status.textContent = t('result.unavailable');
    return;
  }
  if (response.status === 401) {
    showSignIn(status);
    return;
  }
  if (response.status === 403) {
    status.textContent = t('dashboard.exportRefused');
    return;
  }
  if (!response.ok) {
    status.textContent = response.status === 404 ? t('dash.noData') : t('dashboard.exportFailed');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `${eventId}-${file}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status.textContent = t('dashboard.exportDone');
}

eventSelect.addEventListener('change', () => {
  localStorage.setItem(EVENT_KEY, eventSelect.value);
  watch();
});

bindSignOut($('#sign-out'));
$('#dash-export-form').addEventListener('submit', (event) => event.preventDefault());
for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener('click', () => download(button.dataset.export));
}

$('#dash-fullscreen').addEventListener('click', () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
});

window.addEventListener('resize', () => {
  if (chart) {
    const width = Math.max(280, $('#chart-arrivals').clientWidth || 600);
    chart.setSize({ width, height: 280 });
  }
});

// Devices fall silent without any new fact arriving: re-judge them now and then.
setInterval(() => {
  if (attendance) renderDevices(attendance);
}, 30000);

initI18n(() => {
  renderEvents();
  if (chart) chart.destroy(); // series labels are in the chosen language
  chart = null;
  render();
});

fetchJson('/api/events').then((res) => {
  const body = res.body;
  const found = Array.isArray(body) ? body : (body && (body.events || body.items || body.content));
  eventsFailed = !res.ok || !Array.isArray(found);
  events = eventsFailed ? [] : found;
  renderEvents();
  renderStatus();
  watch();
});
