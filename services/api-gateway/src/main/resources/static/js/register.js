import { $, el, fetchJson, sleep } from './dom.js';
import { COUNTRY_CODES } from './countries.js';
import { countryName, currentLocale, eventName, formatDateTime, formatRange, initI18n, t } from './i18n.js';

const ORGANIZATION_KINDS = ['COMPANY', 'UNIVERSITY', 'PUBLIC_ADMINISTRATION', 'ASSOCIATION', 'OTHER'];
const POLL_INTERVAL_MS = 1000;
const POLL_ATTEMPTS = 45;

const form = $('#registration-form');
const submit = $('#submit');
const outcome = $('#outcome');
const formMessage = $('#form-message');

let events = null; // null while loading
let eventsFailed = false;
let selected = null;
let localeChosen = false;

function replaceOptions(select, options, keepValue) {
  const previous = keepValue ?? select.value;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  if (options.some(([value]) => value === previous)) select.value = previous;
}

function renderKinds() {
  replaceOptions($('#organizationKind'),
    [['', t('form.kind.none')], ...ORGANIZATION_KINDS.map((kind) => [kind, t(`kind.${kind}`)])]);
}

function renderCountries() {
  const select = $('#country');
  const keep = select.value || 'ES';
  const options = COUNTRY_CODES.map((code) => [code, countryName(code)])
    .sort((a, b) => a[1].localeCompare(b[1], currentLocale()));
  replaceOptions(select, options, keep);
}

function seatsText(event) {
  if (event.seatsLeft === null || event.seatsLeft === undefined) {
    return event.capacity ? '' : t('events.unlimited');
  }
  if (event.seatsLeft > 0) return t('events.seatsLeft', { n: event.seatsLeft });
  return event.waitingList ? t('events.fullWaitlist') : t('events.full');
}

function isClosed(event) {
  return typeof event.seatsLeft === 'number' && event.seatsLeft <= 0 && !event.waitingList;
}

function renderEvents() {
  const status = $('#events-status');
  const list = $('#events');
  status.hidden = false;
  if (events === null && !eventsFailed) {
    status.textContent = t('events.loading');
    return;
  }
  if (eventsFailed) {
    status.textContent = t('events.error');
    list.replaceChildren();
    return;
  }
  if (events.length === 0) {
    status.textContent = t('events.empty');
    list.replaceChildren();
    return;
  }
  status.hidden = true;
  list.replaceChildren(...events.map((event) => el('li', { className: 'card event' },
    el('h2', { className: 'event__name', text: eventName(event) }),
    el('p', { className: 'event__place', text: [event.venue, event.city].filter(Boolean).join(' · ') }),
    el('p', { className: 'event__dates', text: formatRange(event.startsAt, event.endsAt) }),
    el('p', { className: 'event__seats', text: seatsText(event) }),
    el('button', {
      type: 'button',
      className: 'button button--primary',
      text: t('events.register'),
      disabled: isClosed(event),
      onclick: () => selectEvent(event),
    }))));
}

function renderEventDetails() {
  if (!selected) return;
  $('#register-event').textContent = eventName(selected);
  const types = Array.isArray(selected.ticketTypes) ? selected.ticketTypes : [];
  replaceOptions($('#ticketType'), types.map((type) => [type.code, type.name || type.code]));
  $('#ticketType').closest('.field').hidden = types.length === 0;

  const container = $('#sessions');
  const checked = new Set([...container.querySelectorAll('input:checked')].map((box) => box.value));
  const sessions = Array.isArray(selected.sessions) ? selected.sessions : [];
  container.replaceChildren(...(sessions.length === 0
    ? [el('p', { className: 'muted', text: t('form.noSessions') })]
    : sessions.map((session) => {
      const id = `session-${session.id}`;
      const details = [formatDateTime(session.startsAt), session.room].filter(Boolean).join(' · ');
      return el('div', { className: 'check' },
        el('input', { type: 'checkbox', id, name: 'sessions', value: session.id, checked: checked.has(session.id) }),
        el('label', { for: id },
          el('span', { className: 'check__title', text: session.title || session.id }),
          details ? el('span', { className: 'check__details', text: details }) : null));
    })));
}

function selectEvent(event) {
  selected = event;
  $('#sessions').replaceChildren();
  clearErrors();
  outcome.hidden = true;
  outcome.replaceChildren();
  form.hidden = false;
  submit.disabled = false;
  renderEventDetails();
  const section = $('#register');
  section.hidden = false;
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('#fullName').focus({ preventScroll: true });
}

function clearErrors() {
  formMessage.hidden = true;
  formMessage.replaceChildren();
  for (const node of form.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

function showMessage(text, extra = []) {
  formMessage.replaceChildren(el('span', { text }), ...extra);
  formMessage.hidden = false;
}

/** Puts each problem+json `errors[]` message next to its field; unknown fields go to the top. */
function showProblem(problem) {
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  const unplaced = [];
  let first = null;
  for (const error of errors) {
    const field = String(error.field ?? '').split(/[.[]/)[0];
    const slot = field ? form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) : null;
    if (!slot) {
      unplaced.push(el('li', { text: [error.field, error.message].filter(Boolean).join(': ') }));
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : String(error.message ?? '');
    const input = form.elements.namedItem(field);
    if (input instanceof Element) input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  const summary = errors.length > 0 ? t('result.invalid') : (problem?.detail || t('result.error'));
  showMessage(summary, unplaced.length > 0 ? [el('ul', {}, unplaced)] : []);
  if (first instanceof HTMLElement) first.focus();
  else if (first && first[0] instanceof HTMLElement) first[0].focus();
}

function payload() {
  const value = (name) => form.elements.namedItem(name).value.trim();
  return {
    fullName: value('fullName'),
    email: value('email'),
    organization: value('organization'),
    organizationKind: value('organizationKind') || null,
    jobTitle: value('jobTitle') || null,
    country: value('country'),
    phone: value('phone') || null,
    ticketType: value('ticketType') || null,
    sessions: [...form.querySelectorAll('input[name="sessions"]:checked')].map((box) => box.value),
    locale: value('locale'),
    consent: $('#consent').checked,
  };
}

function showOutcome(text, kind, extra = []) {
  form.hidden = true;
  outcome.className = `outcome outcome--${kind}`;
  outcome.replaceChildren(el('p', { text }), ...extra);
  outcome.hidden = false;
  outcome.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/** Waits for ticketing to issue the ticket, then opens the ticket page. */
async function waitForTicket(registrationId, accessToken) {
  showOutcome(t('result.confirmed'), 'progress');
  const url = `/api/registrations/${encodeURIComponent(registrationId)}?token=${encodeURIComponent(accessToken)}`;
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const res = await fetchJson(url);
    if (res.ok && res.body) {
      if (res.body.ticketId) {
        window.location.assign(`/tickets/${encodeURIComponent(res.body.ticketId)}?t=${encodeURIComponent(accessToken)}`);
        return;
      }
      if (res.body.status === 'WAITLISTED') {
        showOutcome(t('result.waitlisted'), 'warning');
        return;
      }
      if (res.body.status === 'CANCELLED') {
        showOutcome(t('result.cancelled'), 'warning');
        return;
      }
    }
    await sleep(POLL_INTERVAL_MS);
  }
  showOutcome(t('result.slow'), 'warning', [el('button', {
    type: 'button',
    className: 'button button--primary',
    text: t('result.retry'),
    onclick: () => waitForTicket(registrationId, accessToken),
  })]);
}

async function onSubmit(event) {
  event.preventDefault();
  if (!selected) return;
  clearErrors();
  submit.disabled = true;
  submit.textContent = t('form.sending');
  try {
    const res = await fetchJson(`/api/events/${encodeURIComponent(selected.id)}/registrations`, { json: payload() });
    const body = res.body || {};
    if ((res.status === 201 || res.status === 200) && body.accessToken) {
      if (body.status === 'WAITLISTED') showOutcome(t('result.waitlisted'), 'warning');
      else await waitForTicket(body.registrationId, body.accessToken);
    } else if (res.status === 200) {
      showOutcome(t('result.duplicate'), 'warning');
    } else if (res.status === 400 || res.status === 422) {
      showProblem(res.body);
    } else if (res.status === 404) {
      showMessage(t('result.notFound'));
    } else if (res.status === 0 || res.status >= 500) {
      showMessage(t('result.unavailable'));
    } else {
      showMessage(body.detail || t('result.error'));
    }
  } finally {
    submit.disabled = false;
    submit.textContent = t('form.submit');
  }
}

async function loadEvents() {
  const res = await fetchJson('/api/events');
  const body = res.body;
  const list = Array.isArray(body) ? body : (body && (body.events || body.items || body.content));
  eventsFailed = !res.ok || !Array.isArray(list);
  events = eventsFailed ? [] : list;
  renderEvents();
}

function renderAll() {
  renderKinds();
  renderCountries();
  renderEvents();
  renderEventDetails();
  if (!localeChosen) $('#locale').value = currentLocale();
}

$('#locale').addEventListener('change', () => { localeChosen = true; });
form.addEventListener('submit', onSubmit);
initI18n(renderAll);
renderAll();
loadEvents();
