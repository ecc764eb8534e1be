import { $, el, fetchJson, sleep } from './dom.js';
import { COUNTRY_CODES } from './countries.js';
import { countryName, currentLocale, eventName, formatDateTime, formatRange, initI18n, t, tOr } from './i18n.js';
import { icsFile } from './calendar.js';

// The page lives at /tickets/{ticketId}?t={accessToken}; the same token opens the registration.
const ticketId = decodeURIComponent(window.location.pathname.replace(/^\/tickets\//, '').replace(/\/$/, ''));
const token = new URLSearchParams(window.location.search).get('t');

// Shared with /ticket-sw.js, which answers from this cache when the network does not.
const OFFLINE_CACHE = 'entrada-tickets-v1';
const OFFLINE_HEADER = 'X-Entrada-Offline';
const PAGE_ASSETS = ['/css/app.css', '/js/ticket.js', '/js/dom.js', '/js/i18n.js', '/js/countries.js', '/js/calendar.js', '/favicon.svg'];
const REISSUE_POLLS = 45;
const CORRECTABLE = ['fullName', 'organization', 'jobTitle', 'country', 'phone'];

let ticket = null;
let event = null;
let registration = null;
let problemKey = token ? null : 'ticket.missingToken';
let offline = false;
let calendarUrl = null;

const enc = encodeURIComponent;
const tokenQuery = () => `token=${enc(token)}`;
const ticketUrl = (id = ticketId) => `/api/tickets/${enc(id)}?${tokenQuery()}`;
const qrUrl = () => `/api/tickets/${enc(ticketId)}/qr.png?${tokenQuery()}`;
const badgeUrl = () => `/api/tickets/${enc(ticketId)}/badge.pdf?${tokenQuery()}`;
const eventUrl = () => `/api/events/${enc(ticket.eventId)}`;
const registrationUrl = () => `/api/registrations/${enc(ticket.registrationId)}?${tokenQuery()}`;
const pageUrl = (id) => `/tickets/${enc(id)}?t=${enc(token)}`;
const exportUrl = () => `/api/registrations/${enc(ticket.registrationId)}/export?${tokenQuery()}`;
const erasureUrl = () => `/api/registrations/${enc(ticket.registrationId)}/erasure?${tokenQuery()}`;
const DANGER_ANSWERS = ['ticket.cancelYes', 'privacy.eraseYes'];

function isCancelled() {
  return registration?.status === 'CANCELLED';
}

function isValid() {
  return ticket?.status === 'ISSUED' && !isCancelled();
}

function ticketTypeName() {
  const types = event && Array.isArray(event.ticketTypes) ? event.ticketTypes : [];
  const type = types.find((candidate) => candidate.code === ticket.ticketType);
  return type ? (type.name || type.code) : (ticket.ticketType || '');
}

function chosenSessions() {
  const ids = Array.isArray(registration?.sessions) ? registration.sessions : [];
  const all = event && Array.isArray(event.sessions) ? event.sessions : [];
  return ids.map((id) => all.find((session) => session.id === id) || { id, title: id });
}

function renderSessions() {
  const target = $('#ticket-sessions');
  if (!registration) {
    target.replaceChildren();
    return;
  }
  const sessions = chosenSessions();
  if (sessions.length === 0) {
    target.replaceChildren(el('span', { className: 'muted', text: t('ticket.noSessions') }));
    return;
  }
  target.replaceChildren(el('ul', { className: 'ticket__sessions' }, sessions.map((session) => el('li', {},
    el('span', { text: session.title || session.id }),
    el('span', { className: 'muted', text: [formatDateTime(session.startsAt), session.room].filter(Boolean).join(' · ') })))));
}

function renderCalendar() {
  const link = $('#ticket-calendar');
  if (calendarUrl) URL.revokeObjectURL(calendarUrl);
  calendarUrl = null;
  if (!event || !event.startsAt || !isValid()) {
    link.hidden = true;
    link.removeAttribute('href');
    return;
  }
  const place = [event.venue, event.city].filter(Boolean).join(', ');
  const items = [{
    uid: `${ticketId}@entrada`,
    title: eventName(event),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: place,
    description: [ticket.holderName, ticketTypeName()].filter(Boolean).join(' · '),
  }, ...chosenSessions().map((session) => ({
    uid: `${ticketId}-${session.id}@entrada`,
    title: session.title || session.id,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    location: [session.room, place].filter(Boolean).join(', '),
    description: eventName(event),
  }))];
  calendarUrl = URL.createObjectURL(new Blob([icsFile(items)], { type: 'text/calendar;charset=utf-8' }));
  link.href = calendarUrl;
  link.download = `${ticket.eventId || 'entrada'}.ics`;
  link.hidden = false;
}

function render() {
  const status = $('#ticket-status');
  if (!ticket || ticket.status === 'REPLACED') {
    status.textContent = t(ticket ? 'ticket.replaced' : (problemKey || 'ticket.loading'));
    status.hidden = false;
    $('#ticket').hidden = true;
    $('#manage').hidden = true;
    return;
  }
  status.hidden = true;
  $('#ticket-offline').hidden = !offline;

  const valid = isValid();
  const banner = $('#ticket-banner');
  banner.hidden = valid;
  banner.textContent = isCancelled() ? t('ticket.cancelled') : tOr(`ticketStatus.${ticket.status}`, ticket.status || '');
  $('#ticket-qr-figure').hidden = !valid;
  $('#ticket-hint').hidden = !valid;
  $('#ticket-qr').alt = t('ticket.qrAlt');
  $('#ticket-code').textContent = ticket.code || '';

  $('#ticket-holder').textContent = ticket.holderName || registration?.fullName || '';
  $('#ticket-organization').textContent = ticket.organization || registration?.organization || '';
  $('#ticket-event').textContent = event ? eventName(event) : (ticket.eventId || '');
  $('#ticket-when').textContent = event ? formatRange(event.startsAt, event.endsAt) : '';
  $('#ticket-where').textContent = event ? [event.venue, event.city].filter(Boolean).join(' · ') : '';
  $('#ticket-type').textContent = ticketTypeName();
  renderSessions();
  const state = isCancelled() ? 'REVOKED' : (ticket.status || '');
  $('#ticket-state').textContent = state ? tOr(`ticketStatus.${state}`, state) : '';
  $('#ticket-state').dataset.status = state;

  const badge = $('#ticket-badge');
  badge.hidden = !valid;
  if (valid) badge.href = badgeUrl();
  renderCalendar();
  $('#ticket').hidden = false;

  // Changes need the network and a live registration.
  $('#manage').hidden = !registration || isCancelled() || ticket.status !== 'ISSUED' || offline || registration.erased;
  // The attendee's own data: downloadable, and erasable, whatever the registration's status.
  $('#privacy').hidden = !registration || offline;
  if (registration) $('#privacy-export').href = exportUrl();
  $('#privacy-erase').hidden = Boolean(registration?.erased);
  renderCountries();
}

function renderCountries() {
  const select = $('#country');
  const keep = select.value || registration?.country || 'ES';
  const options = COUNTRY_CODES.map((code) => [code, countryName(code)])
    .sort((a, b) => a[1].localeCompare(b[1], currentLocale()));
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  select.value = keep;
}

/** Keeps what this page needs in the cache /ticket-sw.js reads, so the ticket opens offline next time. */
async function saveForOffline() {
  if (!('caches' in window) || !('serviceWorker' in navigator) || offline || !isValid()) return;
  try {
    await navigator.serviceWorker.register('/ticket-sw.js', { scope: '/tickets/' });
    const cache = await caches.open(OFFLINE_CACHE);
    const urls = [pageUrl(ticketId), ticketUrl(), qrUrl(), eventUrl(), registrationUrl(), ...PAGE_ASSETS];
    await Promise.all(urls.map((url) => cache.add(url).catch(() => undefined)));
    await navigator.serviceWorker.ready;
    document.documentElement.dataset.offlineReady = 'true';
  } catch {
    // No offline copy (private mode, no storage): the page still works online.
  }
}

async function forgetOfflineCopy() {
  if (!('caches' in window)) return;
  try {
    const cache = await caches.open(OFFLINE_CACHE);
    await Promise.all([pageUrl(ticketId), ticketUrl(), qrUrl(), registrationUrl()].map((url) => cache.delete(url)));
  } catch {
    // nothing cached
  }
}

function fromCache(res) {
  return res.headers && res.headers.get(OFFLINE_HEADER) === '1';
}

async function load() {
  if (!token || !ticketId) {
    problemKey = 'ticket.missingToken';
    render();
    return;
  }
  const res = await fetchJson(ticketUrl());
  if (!res.ok || !res.body) {
    problemKey = [401, 403, 404].includes(res.status) ? 'ticket.notFound' : 'ticket.error';
    render();
    return;
  }
  ticket = res.body;
  offline = fromCache(res);
  if (ticket.status === 'REPLACED' && ticket.replacedBy) {
    render();
    window.location.replace(pageUrl(ticket.replacedBy));
    return;
  }
  if (ticket.status === 'ISSUED') $('#ticket-qr').src = qrUrl();
  render();
  const [eventRes, registrationRes] = await Promise.all([
    ticket.eventId ? fetchJson(eventUrl()) : Promise.resolve(null),
    ticket.registrationId ? fetchJson(registrationUrl()) : Promise.resolve(null),
  ]);
  if (eventRes?.ok && eventRes.body) event = eventRes.body;
  if (registrationRes?.ok && registrationRes.body) registration = registrationRes.body;
  render();
  await saveForOffline();
}

// ---- confirmation, cancel, correct ----

/** A modal question; resolves true for yes. Focus starts on the safe answer and returns to the opener. */
function confirmDialog(titleKey, textKey, yesKey) {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = t(titleKey);
  $('#confirm-text').textContent = t(textKey);
  $('#confirm-yes').textContent = t(yesKey);
  $('#confirm-yes').className = `button ${DANGER_ANSWERS.includes(yesKey) ? 'button--danger-solid' : 'button--primary'}`;
  $('#confirm-no').textContent = t(titleKey === 'ticket.cancelConfirmTitle' ? 'ticket.keep' : 'ticket.back');
  return new Promise((resolve) => {
    const finish = (answer) => {
      $('#confirm-yes').onclick = null;
      $('#confirm-no').onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    $('#confirm-yes').onclick = () => finish(true);
    $('#confirm-no').onclick = () => finish(false);
    dialog.onclose = () => finish(false); // Escape
    dialog.showModal();
    $('#confirm-no').focus();
  });
}

function showManageMessage(text) {
  const message = $('#manage-message');
  message.textContent = text;
  message.hidden = !text;
}

function setBusy(button, busyKey, idleKey) {
  button.disabled = Boolean(busyKey);
  button.textContent = t(busyKey || idleKey);
}

async function cancelRegistration() {
  showManageMessage('');
  if (!(await confirmDialog('ticket.cancelConfirmTitle', 'ticket.cancelConfirmText', 'ticket.cancelYes'))) return;
  const button = $('#cancel-open');
  setBusy(button, 'ticket.cancelling');
  const res = await fetchJson(registrationUrl(), { method: 'DELETE' });
  setBusy(button, null, 'ticket.cancel');
  if (res.ok && !fromCache(res)) {
    registration = { ...registration, status: 'CANCELLED' };
    await forgetOfflineCopy();
    render();
    $('#ticket-banner').focus();
  } else {
    showManageMessage(res.body?.detail && res.status >= 400 && res.status < 500 ? res.body.detail : t('ticket.cancelFailed'));
  }
}

/** GDPR erasure from the link: the person's data goes, the seat is freed if the event has not ended. */
async function eraseMyData() {
  const message = $('#privacy-message');
  message.hidden = true;
  if (!(await confirmDialog('privacy.eraseConfirmTitle', 'privacy.eraseConfirmText', 'privacy.eraseYes'))) return;
  const button = $('#privacy-erase');
  setBusy(button, 'privacy.erasing');
  const res = await fetchJson(erasureUrl(), { method: 'POST' });
  setBusy(button, null, 'privacy.erase');
  if (res.ok && !fromCache(res)) {
    registration = { ...registration, status: res.body?.status || registration.status, erased: true };
    await forgetOfflineCopy();
    render();
    message.textContent = t('privacy.erased');
  } else {
    message.textContent = res.body?.detail && res.status >= 400 && res.status < 500 ? res.body.detail : t('privacy.eraseFailed');
  }
  message.hidden = false;
  message.focus?.();
}

const correctForm = $('#correct-form');

function clearFieldErrors() {
  for (const node of correctForm.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of correctForm.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

function openCorrection(open) {
  correctForm.hidden = !open;
  $('#correct-open').setAttribute('aria-expanded', String(open));
  clearFieldErrors();
  showManageMessage('');
  if (!open) {
    $('#correct-open').focus();
    return;
  }
  for (const name of CORRECTABLE) {
    const value = registration?.[name] ?? (name === 'fullName' ? ticket.holderName : '') ?? '';
    correctForm.elements.namedItem(name).value = value || (name === 'country' ? 'ES' : '');
  }
  $('#fullName').focus();
}

/** Only what changed: a blank optional field clears it. */
function corrections() {
  const changes = {};
  for (const name of CORRECTABLE) {
    const value = correctForm.elements.namedItem(name).value.trim();
    const before = registration?.[name] ?? '';
    if (value !== before) changes[name] = value === '' && (name === 'jobTitle' || name === 'phone') ? null : value;
  }
  return changes;
}

function showFieldErrors(problem) {
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  for (const error of errors) {
    const field = String(error.field ?? '').split(/[.[]/)[0];
    const slot = field ? correctForm.querySelector(`[data-error-for="${CSS.escape(field)}"]`) : null;
    if (!slot) continue;
    slot.textContent = tOr(`error.${field}`, String(error.message ?? ''));
    correctForm.elements.namedItem(field).setAttribute('aria-invalid', 'true');
  }
  showManageMessage(errors.length > 0 ? t('result.invalid') : (problem?.detail || t('ticket.saveFailed')));
  correctForm.querySelector('[aria-invalid="true"]')?.focus();
}

/** After a correction ticketing re-issues the ticket; the old one then points at the new one. */
async function followReissue() {
  showManageMessage(t('ticket.reissuing'));
  for (let poll = 0; poll < REISSUE_POLLS; poll += 1) {
    const res = await fetchJson(ticketUrl(), { cache: 'no-store' });
    if (res.ok && res.body?.status === 'REPLACED' && res.body.replacedBy && !fromCache(res)) {
      window.location.assign(pageUrl(res.body.replacedBy));
      return;
    }
    await sleep(1000);
  }
  showManageMessage(t('ticket.reissueSlow'));
}

async function saveCorrection(submitEvent) {
  submitEvent.preventDefault();
  clearFieldErrors();
  const changes = corrections();
  if (Object.keys(changes).length === 0) {
    showManageMessage(t('ticket.nothingChanged'));
    return;
  }
  if (!(await confirmDialog('ticket.correctConfirmTitle', 'ticket.correctHint', 'ticket.correctYes'))) return;
  const button = $('#correct-save');
  setBusy(button, 'ticket.saving');
  const res = await fetchJson(registrationUrl(), { method: 'PATCH', json: changes });
  setBusy(button, null, 'ticket.save');
  if (res.ok && !fromCache(res)) {
    registration = { ...registration, ...(res.body && typeof res.body === 'object' ? res.body : changes) };
    correctForm.hidden = true;
    $('#correct-open').setAttribute('aria-expanded', 'false');
    await followReissue();
  } else if (res.status === 400 || res.status === 422) {
    showFieldErrors(res.body);
  } else {
    showManageMessage(t('ticket.saveFailed'));
  }
}

$('#cancel-open').addEventListener('click', cancelRegistration);
$('#privacy-erase').addEventListener('click', eraseMyData);
$('#correct-open').addEventListener('click', () => openCorrection(correctForm.hidden));
$('#correct-discard').addEventListener('click', () => openCorrection(false));
correctForm.addEventListener('submit', saveCorrection);
initI18n(render);
load();
