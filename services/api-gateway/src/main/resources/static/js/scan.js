import { $, el, fetchJson, randomId } from './dom.js';
import { eventName, formatDateTime, formatTime, initI18n, t, tOr } from './i18n.js';
import { OfflineDoor, queuedCount } from './scan-offline.js';
import { Camera } from './scan-camera.js';
import { bindSignOut, showSignIn } from './session.js';

const DEVICE_KEY = 'entrada.deviceId';
const EVENT_KEY = 'entrada.scan.eventId';
const CHECKPOINT_KEY = 'entrada.scan.checkpointId';
const HISTORY_SIZE = 8;
const FLASH_MS = 1200;
const HEARTBEAT_MS = 5000;
const PACK_REFRESH_MS = 60000;
const MAX_CODE = 512;

const eventSelect = $('#scan-event');
const checkpointSelect = $('#scan-checkpoint');
const input = $('#scan-code');
const verdictBox = $('#verdict');
const connection = $('#scan-connection');

// One id per browser, kept across reloads, so every scan names the device that made it.
const deviceId = localStorage.getItem(DEVICE_KEY) || randomId();
localStorage.setItem(DEVICE_KEY, deviceId);

const door = new OfflineDoor(deviceId);
let events = [];
let eventsFailed = false;
let lastShown = null; // {kind: 'verdict', body} | {kind: 'error', text} | null
let sequence = 0;
let online = true;
let queued = 0;
let packLoadedAt = 0;
let flashTimer = null;
let manualMatches = null;
let manualStatus = '';
const conflicts = [];

function selectedEvent() {
  return events.find((event) => event.id === eventSelect.value) || null;
}

function direction() {
  return $('#direction-out').checked ? 'OUT' : 'IN';
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

function renderConnection() {
  const ready = door.ready(eventSelect.value);
  connection.dataset.mode = online ? (queued > 0 ? 'syncing' : 'online') : 'offline';
  connection.dataset.pack = ready ? 'ready' : 'none';
  connection.dataset.queued = String(queued);
  if (!online) connection.textContent = ready ? t('scan.offline', { n: queued }) : t('scan.offlineNoPack', { n: queued });
  else if (queued > 0) connection.textContent = t('scan.queued', { n: queued });
  else connection.textContent = ready ? t('scan.onlineReady') : '';
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

// ---- sound: a short tone per verdict, made in the page (no audio files) ----

let audio = null;
function beep(verdict) {
  try {
    audio = audio || new AudioContext();
    const tones = { ADMITTED: [[880, 0.12]], CHECKED_OUT: [[660, 0.12]], ALREADY_CHECKED_IN: [[520, 0.1], [520, 0.1]],
      NOT_INSIDE: [[520, 0.1], [520, 0.1]], REJECTED: [[200, 0.45]] }[verdict] || [];
    let at = audio.currentTime;
    for (const [frequency, length] of tones) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = verdict === 'REJECTED' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + length);
      at += length + 0.06;
    }
  } catch {
    // no audio output: the colour still says it
  }
}

function flash() {
  verdictBox.classList.add('verdict--flash');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => verdictBox.classList.remove('verdict--flash'), FLASH_MS);
}

function showVerdict(body, { fresh = false } = {}) {
  lastShown = { kind: 'verdict', body };
  const verdict = String(body.verdict);
  verdictBox.dataset.verdict = verdict;
  verdictBox.dataset.offline = body.offline ? 'true' : 'false';
  $('#verdict-word').textContent = tOr(`scan.${verdict}`, verdict);
  const organization = attendeeOrganization(body);
  $('#verdict-name').textContent = [attendeeName(body), organization].filter(Boolean).join(' · ');
  let detail = '';
  if (verdict === 'ALREADY_CHECKED_IN') detail = firstScanText(body.firstCheckIn);
  if (verdict === 'REJECTED') detail = tOr(`reason.${body.reason}`, body.reason || '');
  if (body.offline) detail = [detail, t('scan.decidedOffline')].filter(Boolean).join(' · ');
  $('#verdict-detail').textContent = detail;
  if (fresh) {
    beep(verdict);
    flash();
  }
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

function renderConflicts() {
  $('#conflicts').hidden = conflicts.length === 0;
  $('#conflict-list').replaceChildren(...conflicts.map((result) => el('li', {
    className: 'conflicts__item',
    text: t('scan.conflictItem', {
      name: attendeeName(result) || result.ticketId,
      checkpoint: checkpointName(result.firstCheckIn && result.firstCheckIn.checkpointId),
      device: (result.firstCheckIn && result.firstCheckIn.deviceId) || '',
      time: result.firstCheckIn ? formatDateTime(result.firstCheckIn.at) : '',
    }),
  })));
}

// ---- signed in or not ----

// A 401 means the sign-in ended (expired, or the device was cut off): say so with a sign-in link. The
// offline pack stays usable without network; with network the server's answer counts, so a revoked
// device does not go on admitting people on its own.
function signedOut() {
  showSignIn($('#scan-auth'));
}

function signedIn() {
  $('#scan-auth').hidden = true;
}

// ---- online and offline ----

async function updateQueued() {
  queued = await queuedCount();
  renderConnection();
}

async function loadPack() {
  const eventId = eventSelect.value;
  if (!eventId) return;
  const result = await door.load(eventId, fetchJson);
  if (result.unauthorized) signedOut();
  else if (result.fresh) signedIn();
  if (result.online) packLoadedAt = Date.now();
  online = result.online;
  renderConnection();
}

/** Tells the server which checkpoint this device scans at, so organisers see it (and when it goes quiet). */
function registerDevice() {
  if (!checkpointSelect.value || !online) return;
  fetchJson('/api/checkins/devices', { json: { deviceId, checkpointId: checkpointSelect.value, eventId: eventSelect.value,
    name: `${checkpointName(checkpointSelect.value)} · ${deviceId.slice(0, 8)}`.slice(0, 200) } });
}

async function decideOffline(scan) {
  const body = await door.decide(scan.code, scan.checkpointId, scan.direction);
  await door.queue({ ...scan, offlineVerdict: body.verdict });
  await updateQueued();
  return { ...body, offline: true };
}

/** Sends the queue when the server answers again; refreshes the pack now and then. */
async function heartbeat() {
  await updateQueued();
  if (queued > 0) {
    connection.dataset.mode = 'syncing';
    const result = await door.sync(fetchJson);
    if (result.unauthorized) signedOut(); // the scans stay queued until someone signs in again
    online = result.reachable;
    for (const item of result.results) {
      if (item.conflict) conflicts.push(item);
    }
    renderConflicts();
    await updateQueued();
  }
  if (!online || !door.ready(eventSelect.value) || Date.now() - packLoadedAt > PACK_REFRESH_MS) await loadPack();
}

async function scan(rawCode) {
  const code = String(rawCode).trim().slice(0, MAX_CODE);
  const checkpointId = checkpointSelect.value;
  const eventId = eventSelect.value;
  if (!checkpointId) {
    showError(t('scan.choose'));
    return;
  }
  const mine = ++sequence;
  verdictBox.dataset.verdict = 'PENDING';
  $('#verdict-word').textContent = t('scan.checking');
  $('#verdict-name').textContent = '';
  $('#verdict-detail').textContent = '';
  const request = { code, checkpointId, eventId, deviceId, nonce: randomId(), direction: direction(),
    scannedAt: new Date().toISOString() };
  let body = null;
  let error = null;
  if (online || !door.ready(eventId)) {
    const res = await fetchJson('/api/checkins', { json: request });
    if (res.ok && res.body && res.body.verdict) {
      body = res.body;
      door.remember(checkpointId, request.direction, body);
    } else if (res.status === 401) {
      signedOut();
      error = t('auth.expired');
    } else if (res.status === 0 || res.status >= 502) {
      online = false;
      renderConnection();
      if (door.ready(eventId)) body = await decideOffline(request);
      else error = t('scan.error');
    } else {
      error = (res.body && res.body.detail) || t('scan.error');
    }
  } else {
    body = await decideOffline(request);
  }
  if (body) addHistory(body, new Date());
  if (mine !== sequence) return; // a later scan's answer is already on screen
  if (body) showVerdict(body, { fresh: true });
  else {
    showError(error);
    beep('REJECTED');
  }
}

// ---- manual search ----

function renderManual() {
  $('#manual-status').textContent = manualStatus;
  const list = $('#manual-results');
  if (!manualMatches) {
    list.replaceChildren();
    return;
  }
  list.replaceChildren(...manualMatches.map((match) => {
    const who = el('span', { className: 'manual__who' },
      el('span', { className: 'manual__name', text: match.name || match.ticketId }),
      el('span', { className: 'muted', text: [match.organization, match.ticketType].filter(Boolean).join(' · ') }));
    let action;
    if (match.revoked) action = el('span', { className: 'muted', text: tOr('reason.REVOKED', 'REVOKED') });
    else if (match.inside) action = el('span', { className: 'muted', text: t('scan.alreadyInside') });
    else {
      action = el('button', { type: 'button', className: 'button button--primary', dataset: { ticketId: match.ticketId },
        text: t('scan.manualCheckIn'), onclick: () => checkInByHand(match) });
    }
    return el('li', { className: 'manual__result' }, who, action);
  }));
}

async function searchPeople() {
  const q = $('#manual-q').value.trim();
  if (q.length < 2) {
    manualStatus = t('scan.manualShort');
    manualMatches = null;
    renderManual();
    return;
  }
  manualStatus = t('scan.checking');
  renderManual();
  const res = await fetchJson(`/api/checkins/search?eventId=${encodeURIComponent(eventSelect.value)}&q=${encodeURIComponent(q)}`);
  if (res.ok && res.body && Array.isArray(res.body.matches)) {
    manualMatches = res.body.matches;
    manualStatus = manualMatches.length === 0 ? t('scan.manualNone') : '';
  } else {
    manualMatches = null;
    if (res.status === 401) signedOut();
    manualStatus = res.status === 401 ? t('auth.expired') : res.status === 0 ? t('scan.manualOffline') : ((res.body && res.body.detail) || t('scan.error'));
  }
  renderManual();
}

// Who checked someone in by hand is the signed-in account: the server records it from the session.
async function checkInByHand(match) {
  const res = await fetchJson('/api/checkins/manual', { json: { ticketId: match.ticketId, checkpointId: checkpointSelect.value,
    eventId: eventSelect.value, deviceId, nonce: randomId() } });
  if (res.ok && res.body && res.body.verdict) {
    addHistory(res.body, new Date());
    showVerdict(res.body, { fresh: true });
    door.remember(checkpointSelect.value, 'IN', res.body);
    if (res.body.verdict === 'ADMITTED') {
      match.inside = true;
      renderManual();
    }
  } else {
    if (res.status === 401) signedOut();
    showError(res.status === 401 ? t('auth.expired') : res.status === 0 ? t('scan.manualOffline') : ((res.body && res.body.detail) || t('scan.error')));
  }
}

// ---- camera ----

const camera = new Camera($('#camera-video'), (text) => scan(text), (state) => {
  $('#camera').hidden = state === 'stopped' || state === 'error';
  $('#camera-status').textContent = state === 'stopped' ? '' : t(`scan.camera.${state}`);
  $('#camera-toggle').textContent = camera.running ? t('scan.cameraStop') : t('scan.camera');
  if (state === 'error') showError(t('scan.camera.error'));
});

// ---- wiring ----

function rerender() {
  renderSetup();
  renderConnection();
  renderConflicts();
  renderManual();
  if (!lastShown) $('#verdict-word').textContent = t('scan.ready');
  else if (lastShown.kind === 'verdict') showVerdict(lastShown.body);
  $('#camera-toggle').textContent = camera.running ? t('scan.cameraStop') : t('scan.camera');
  input.focus();
}

// The code field keeps the focus so a handheld scanner (a keyboard ending in Enter) always types into
// it; only the setup controls and the manual search may take the focus away.
function refocus() {
  const active = document.activeElement;
  if (active && active !== document.body
      && active.matches('select, a, button:not([type="submit"]), input[type="radio"], #manual input, #manual button')) return;
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
window.addEventListener('focus', () => refocus());
eventSelect.addEventListener('change', () => {
  localStorage.setItem(EVENT_KEY, eventSelect.value);
  checkpointSelect.value = '';
  renderSetup();
  localStorage.setItem(CHECKPOINT_KEY, checkpointSelect.value);
  manualMatches = null;
  renderManual();
  loadPack().then(registerDevice);
  input.focus();
});
checkpointSelect.addEventListener('change', () => {
  localStorage.setItem(CHECKPOINT_KEY, checkpointSelect.value);
  renderSetup();
  registerDevice();
  input.focus();
});
for (const radio of document.querySelectorAll('input[name="direction"]')) {
  radio.addEventListener('change', () => input.focus());
}
$('#camera-toggle').addEventListener('click', () => {
  if (camera.running) camera.stop();
  else camera.start();
  input.focus();
});
$('#manual-toggle').addEventListener('click', () => {
  const section = $('#manual');
  section.hidden = !section.hidden;
  $('#manual-toggle').setAttribute('aria-expanded', String(!section.hidden));
  if (!section.hidden) $('#manual-q').focus();
  else input.focus();
});
$('#manual-form').addEventListener('submit', (event) => {
  event.preventDefault();
  searchPeople();
});
window.addEventListener('online', () => heartbeat());

$('#device-id').textContent = deviceId;
bindSignOut($('#sign-out'));
initI18n(rerender);
updateQueued();

fetchJson('/api/events').then((res) => {
  const body = res.body;
  const list = Array.isArray(body) ? body : (body && (body.events || body.items || body.content));
  eventsFailed = !res.ok || !Array.isArray(list);
  events = eventsFailed ? [] : list;
  renderSetup();
  loadPack().then(registerDevice);
  input.focus();
});
setInterval(heartbeat, HEARTBEAT_MS);

// Keeps the page itself available offline (see /scan-sw.js); scans work without it while the page stays open.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/scan-sw.js', { scope: '/scan' }).catch(() => undefined);
}
