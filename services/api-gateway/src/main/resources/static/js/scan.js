import { $, el, fetchJson, randomId } from './dom.js';
import { eventName, formatDateTime, formatTime, initI18n, t, tOr } from './i18n.js';

const DEVICE_KEY = 'entrada.deviceId';
const EVENT_KEY = 'entrada.scan.eventId';
const CHECKPOINT_KEY = 'entrada.scan.checkpointId';
const HISTORY_SIZE = 8;

const eventSelect = $('#scan-event');
const checkpointSelect = $('#scan-checkpoint');
const input = $('#scan-code');
const verdictBox = $('#verdict');

// One id per browser, kept across reloads, so every scan names the device that made it.
const deviceId = localStorage.getItem(DEVICE_KEY) || randomId();
localStorage.setItem(DEVICE_KEY, deviceId);

let events = [];
let eventsFailed = false;
let lastShown = null; // {kind: 'verdict', body} | {kind: 'error', text} | null
let sequence = 0;

function selectedEvent() {
  return events.find((event) => event.id === eventSelect.value) || null;
}

function checkpointName(checkpointId) {
  const event = selectedEvent();
  const checkpoint = event && Array.isArray(event.checkpoints)
    ? event.checkpoints.find((candidate) => candidate.id === checkpointId) : null;
  return checkpoint ? checkpoint.name || checkpoint.id : (checkpointId || '');
}

function fillSelect(select, options, wanted) {
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  if (options.some(([value]) => value === wanted)) select.value = wanted;
}

function renderSetup() {
  fillSelect(eventSelect, events.map((event) => [event.id, eventName(event)]),
    eventSelect.value || localStorage.getItem(EVENT_KEY));
  const event = selectedEvent();
  const checkpoints = event && Array.isArray(event.checkpoints) ? event.checkpoints : [];
  fillSelect(checkpointSelect, checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.name || checkpoint.id]),
    checkpointSelect.value || localStorage.getItem(CHECKPOINT_KEY));
  const status = $('#scan-setup-status');
  const message = eventsFailed ? t('common.eventsError') : (checkpointSelect.value ? '' : t('scan.choose'));
  status.textContent = message;
  status.hidden = !message;
}

function attendeeName(body) {
  const attendee = body.attendee;
  if (!attendee) return '';
  if (typeof attendee === 'string') return attendee;
  return attendee.name || attendee.fullName || attendee.holderName || '';
}

function attendeeOrganization(body) {
  const attendee = body.attendee;
  return attendee && typeof attendee === 'object' ? attendee.organization || '' : '';
}

function firstScanText(first) {
  if (!first) return '';
  const at = first.scannedAt || first.at || first.checkedInAt || first.occurredAt;
  return t('scan.firstAt', { time: formatDateTime(at), checkpoint: checkpointName(first.checkpointId) });
}

function showVerdict(body) {
  lastShown = { kind: 'verdict', body };
  const verdict = String(body.verdict);
  verdictBox.dataset.verdict = verdict;
  $('#verdict-word').textContent = tOr(`scan.${verdict}`, verdict);
  const organization = attendeeOrganization(body);
  $('#verdict-name').textContent = [attendeeName(body), organization].filter(Boolean).join(' · ');
  let detail = '';
  if (verdict === 'ALREADY_CHECKED_IN') detail = firstScanText(body.firstCheckIn);
  if (verdict === 'REJECTED') detail = tOr(`reason.${body.reason}`, body.reason || '');
  $('#verdict-detail').textContent = detail;
}

function showError(text) {
  lastShown = { kind: 'error', text };
  verdictBox.dataset.verdict = 'ERROR';
  $('#verdict-word').textContent = text;
  $('#verdict-name').textContent = '';
  $('#verdict-detail').textContent = '';
}

function addHistory(body, time) {
  const label = tOr(`scan.${body.verdict}`, String(body.verdict));
  const item = el('li', { className: 'history__item', dataset: { verdict: String(body.verdict) } },
    el('span', { className: 'history__time', text: formatTime(time) }),
    el('span', { className: 'history__verdict', text: label }),
    el('span', { className: 'history__name', text: attendeeName(body) }));
  const list = $('#history');
  list.prepend(item);
  while (list.children.length > HISTORY_SIZE) list.lastElementChild.remove();
}

async function scan(code) {
  const checkpointId = checkpointSelect.value;
  if (!checkpointId) {
    showError(t('scan.choose'));
    return;
  }
  const mine = ++sequence;
  verdictBox.dataset.verdict = 'PENDING';
  $('#verdict-word').textContent = t('scan.checking');
  $('#verdict-name').textContent = '';
  $('#verdict-detail').textContent = '';
  const res = await fetchJson('/api/checkins', { json: { code, checkpointId, deviceId, nonce: randomId() } });
  if (res.ok && res.body && res.body.verdict) addHistory(res.body, new Date());
  if (mine !== sequence) return; // a later scan's answer is already on screen
  if (res.ok && res.body && res.body.verdict) showVerdict(res.body);
  else if (res.status === 0 || res.status >= 500) showError(t('scan.error'));
  else showError((res.body && res.body.detail) || t('scan.error'));
}

function rerender() {
  renderSetup();
  if (!lastShown) $('#verdict-word').textContent = t('scan.ready');
  else if (lastShown.kind === 'verdict') showVerdict(lastShown.body);
  input.focus();
}

// The code field keeps the focus so a handheld scanner (a keyboard ending in Enter) always types into
// it; only the setup selects may take the focus away, and they give it back when used.
function refocus() {
  const active = document.activeElement;
  if (active && active !== document.body && active.matches('select, a, button:not([type="submit"])')) return;
  input.focus();
}

$('#scan-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = input.value.trim();
  input.value = '';
  input.focus();
  if (code) scan(code);
});
input.addEventListener('blur', () => setTimeout(refocus, 0));
window.addEventListener('focus', () => input.focus());
eventSelect.addEventListener('change', () => {
  localStorage.setItem(EVENT_KEY, eventSelect.value);
  checkpointSelect.value = '';
  renderSetup();
  localStorage.setItem(CHECKPOINT_KEY, checkpointSelect.value);
  input.focus();
});
checkpointSelect.addEventListener('change', () => {
  localStorage.setItem(CHECKPOINT_KEY, checkpointSelect.value);
  renderSetup();
  input.focus();
});

$('#device-id').textContent = deviceId;
initI18n(rerender);

fetchJson('/api/events').then((res) => {
  const body = res.body;
  const list = Array.isArray(body) ? body : (body && (body.events || body.items || body.content));
  eventsFailed = !res.ok || !Array.isArray(list);
  events = eventsFailed ? [] : list;
  renderSetup();
  input.focus();
});
