import { $, el, fetchJson, sleep } from './dom.js';
import { countryName, eventName, formatTime, initI18n, t, tOr } from './i18n.js';

const EVENT_KEY = 'entrada.dashboard.eventId';
const POLL_MS = 2000;

const eventSelect = $('#dash-event');

let events = [];
let eventsFailed = false;
let attendance = null;
let updatedAt = null;
let state = 'loading'; // loading | ok | stale | empty
let generation = 0;

function selectedEvent() {
  return events.find((event) => event.id === eventSelect.value) || null;
}

function nameOf(list, id) {
  const item = Array.isArray(list) ? list.find((candidate) => (candidate.id ?? candidate.code) === id) : null;
  return item ? item.name || id : id;
}

function number(value) {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value.toLocaleString() : '–';
}

function table(columns, rows) {
  if (rows.length === 0) return el('p', { className: 'muted', text: t('dash.none') });
  return el('table', { className: 'table' },
    el('thead', {}, el('tr', {}, columns.map((column, i) => el('th', { scope: 'col', className: i > 0 ? 'num' : null, text: column })))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) => (i === 0
      ? el('th', { scope: 'row', text: cell })
      : el('td', { className: 'num', text: number(cell) })))))));
}

function reasonRows(byReason) {
  if (Array.isArray(byReason)) return byReason.map((entry) => [entry.reason, entry.count]);
  return Object.entries(byReason || {});
}

function renderStatus() {
  const status = $('#dash-status');
  let text = '';
  if (eventsFailed) text = t('common.eventsError');
  else if (state === 'ok' && updatedAt) text = t('dash.updated', { time: formatTime(updatedAt) });
  else if (state === 'stale') text = updatedAt ? t('dash.stale', { time: formatTime(updatedAt) }) : t('result.unavailable');
  else if (state === 'empty') text = t('dash.noData');
  status.textContent = text;
  status.dataset.state = state;
}

function renderAttendance() {
  const a = attendance || {};
  const event = selectedEvent() || {};
  $('#kpi-registered').textContent = number(a.registered);
  $('#kpi-checkedIn').textContent = number(a.checkedIn);
  $('#kpi-inside').textContent = number(a.inside);
  $('#stat-waitlisted').textContent = number(a.waitlisted);
  $('#stat-cancelled').textContent = number(a.cancelled);
  $('#stat-rejected').textContent = number(a.rejected ? a.rejected.total : undefined);
  $('#stat-conflicts').textContent = number(a.conflicts);

  const byCheckpoint = Array.isArray(a.byCheckpoint) ? a.byCheckpoint : [];
  $('#table-checkpoint').replaceChildren(table([t('dash.checkpoint'), t('dash.checkedIn')],
    byCheckpoint.map((row) => [nameOf(event.checkpoints, row.checkpointId), row.checkedIn])));

  const byType = Array.isArray(a.byTicketType) ? a.byTicketType : [];
  $('#table-ticketType').replaceChildren(table([t('dash.ticketType'), t('dash.registered'), t('dash.checkedIn')],
    byType.map((row) => [nameOf(event.ticketTypes, row.ticketType), row.registered, row.checkedIn])));

  const byCountry = (Array.isArray(a.byCountry) ? [...a.byCountry] : [])
    .sort((x, y) => (y.registered || 0) - (x.registered || 0));
  $('#table-country').replaceChildren(table([t('dash.country'), t('dash.registered'), t('dash.checkedIn')],
    byCountry.map((row) => [row.country ? countryName(row.country) : '?', row.registered, row.checkedIn])));

  $('#table-reason').replaceChildren(table([t('dash.reason'), t('dash.count')],
    reasonRows(a.rejected && a.rejected.byReason).map(([reason, count]) => [tOr(`reason.${reason}`, reason), count])));
  renderStatus();
}

function renderEvents() {
  const wanted = eventSelect.value || localStorage.getItem(EVENT_KEY);
  eventSelect.replaceChildren(...events.map((event) => el('option', { value: event.id, text: eventName(event) })));
  if (events.some((event) => event.id === wanted)) eventSelect.value = wanted;
}

/** Polls the selected event until another one is chosen (a new generation starts). */
async function poll() {
  const mine = ++generation;
  const eventId = eventSelect.value;
  attendance = null;
  updatedAt = null;
  state = 'loading';
  renderAttendance();
  while (mine === generation && eventId) {
    const res = await fetchJson(`/api/reports/events/${encodeURIComponent(eventId)}/attendance`);
    if (mine !== generation) return;
    if (res.ok && res.body) {
      attendance = res.body;
      updatedAt = new Date();
      state = 'ok';
    } else if (res.status === 404) {
      attendance = null;
      state = 'empty';
    } else {
      state = 'stale';
    }
    renderAttendance();
    await sleep(POLL_MS);
  }
}

eventSelect.addEventListener('change', () => {
  localStorage.setItem(EVENT_KEY, eventSelect.value);
  poll();
});

initI18n(() => {
  renderEvents();
  renderAttendance();
});

fetchJson('/api/events').then((res) => {
  const body = res.body;
  const list = Array.isArray(body) ? body : (body && (body.events || body.items || body.content));
  eventsFailed = !res.ok || !Array.isArray(list);
  events = eventsFailed ? [] : list;
  renderEvents();
  renderStatus();
  poll();
});
