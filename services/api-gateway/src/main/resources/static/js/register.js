import { $, el, fetchJson, randomId, sleep } from './dom.js';
import { COUNTRY_CODES } from './countries.js';
import { countryName, currentLocale, eventName, formatDateTime, formatRange, initI18n, t, tOr } from './i18n.js';

const ORGANIZATION_KINDS = ['COMPANY', 'RESEARCH_GROUP', 'PUBLIC_BODY', 'PRESS', 'OTHER'];
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
// One Idempotency-Key per submission: sending the same data again after a failure reuses it, so a retry
// can never register the person twice.
let attempt = null; // {key, body} of a submission that got no definitive answer
let shownOutcome = null; // re-rendered when the language changes

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
    sessionsOf(event).length > 0 ? el('details', { className: 'event__sessions' },
      el('summary', { text: `${t('events.sessions')} (${sessionsOf(event).length})` }),
      el('ul', {}, sessionsOf(event).map((session) => el('li', {},
        el('span', { className: 'check__title', text: session.title || session.id }), ' ',
        el('span', { className: 'muted', text: [formatDateTime(session.startsAt), session.room].filter(Boolean).join(' · ') }))))) : null,
    el('button', {
      type: 'button',
      className: 'button button--primary',
      text: t('events.register'),
      'aria-label': t('events.registerIn', { event: eventName(event) }),
      disabled: isClosed(event),
      onclick: () => selectEvent(event),
    }))));
}

function sessionsOf(event) {
  return Array.isArray(event.sessions) ? event.sessions : [];
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
  attempt = null;
  shownOutcome = null;
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

let shownProblem = null; // re-shown in the other language when the switch is used

function clearErrors() {
  shownProblem = null;
  formMessage.hidden = true;
  formMessage.replaceChildren();
  for (const node of form.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

function showMessage(text, extra = []) {
  formMessage.replaceChildren(el('span', { text }), ...extra);
  formMessage.hidden = false;
}

/**
 * Puts each problem+json `errors[]` entry next to its field, in the reader's language (the API's own
 * message when we have no text for the field); fields the form does not have go to the top.
 */
function showProblem(problem, { focus = true } = {}) {
  shownProblem = problem;
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  const unplaced = [];
  const placed = new Set();
  for (const error of errors) {
    const field = String(error.field ?? '').split(/[.[]/)[0];
    const slot = field ? form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) : null;
    if (!slot) {
      unplaced.push(el('li', { text: [error.field, error.message].filter(Boolean).join(': ') }));
      continue;
    }
    if (placed.has(field)) continue;
    placed.add(field);
    slot.textContent = tOr(`error.${field}`, String(error.message ?? ''));
    const input = form.elements.namedItem(field);
    const control = input instanceof Element ? input : (input && input[0]);
    if (control instanceof Element) control.setAttribute('aria-invalid', 'true');
  }
  const summary = errors.length > 0 ? t('result.invalid') : (problem?.detail || t('result.error'));
  showMessage(summary, unplaced.length > 0 ? [el('ul', {}, unplaced)] : []);
  // The first wrong field in the order of the form, whatever the order of the answer.
  const first = form.querySelector('[aria-invalid="true"]');
  if (focus && first instanceof HTMLElement) first.focus();
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

function ticketLink(state) {
  return `/tickets/${encodeURIComponent(state.ticketId)}?t=${encodeURIComponent(state.accessToken)}`;
}

/** The answer page, drawn from `shownOutcome` so that it follows the language switch. */
function renderOutcome({ focus = false } = {}) {
  const state = shownOutcome;
  if (!state) return;
  const heading = el('h2', { id: 'outcome-title', tabindex: '-1' });
  const parts = [heading];
  let kind = 'warning';
  if (state.kind === 'confirmed') {
    kind = 'ok';
    heading.textContent = t('result.confirmedTitle');
    parts.push(el('p', { text: t('result.confirmedText', { event: eventName(state.event) }) }));
    const progress = el('div', { id: 'outcome-progress', 'aria-live': 'polite' });
    if (state.ticketId) {
      progress.append(
        el('p', { text: t('result.ticketReady') }),
        el('a', { id: 'ticket-link', className: 'button button--primary', href: ticketLink(state), text: t('result.openTicket') }),
        el('p', { className: 'outcome__note', text: t('result.keepLink') }));
    } else if (state.slow) {
      progress.append(el('p', { text: t('result.slow') }), el('button', {
        type: 'button',
        className: 'button button--primary',
        text: t('result.retry'),
        onclick: () => waitForTicket(state),
      }));
    } else {
      progress.append(el('p', { className: 'outcome__progress', text: t('result.preparing') }));
    }
    parts.push(progress);
  } else if (state.kind === 'waitlisted') {
    heading.textContent = t('result.waitlistedTitle');
    if (typeof state.position === 'number') {
      parts.push(el('p', { id: 'waitlist-position', className: 'outcome__position', text: t('result.position', { n: state.position }) }));
    }
    parts.push(el('p', { text: t('result.waitlistedText') }));
  } else {
    heading.textContent = t(state.kind === 'cancelled' ? 'result.cancelled' : 'result.duplicate');
  }
  parts.push(el('button', { type: 'button', className: 'button button--ghost', text: t('result.another'), onclick: registerAnother }));
  outcome.className = `outcome outcome--${kind}`;
  outcome.dataset.outcome = state.kind;
  outcome.replaceChildren(...parts);
  form.hidden = true;
  outcome.hidden = false;
  if (focus) {
    heading.focus({ preventScroll: true });
    outcome.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

function showOutcome(state) {
  shownOutcome = state;
  renderOutcome({ focus: true });
}

function registerAnother() {
  shownOutcome = null;
  attempt = null;
  form.reset();
  renderAll();
  outcome.hidden = true;
  outcome.replaceChildren();
  form.hidden = false;
  $('#fullName').focus();
}

/** Waits for ticketing to issue the ticket, then offers the link to the ticket page. */
async function waitForTicket(state) {
  state.slow = false;
  renderOutcome();
  const url = `/api/registrations/${encodeURIComponent(state.registrationId)}?token=${encodeURIComponent(state.accessToken)}`;
  for (let poll = 0; poll < POLL_ATTEMPTS; poll += 1) {
    if (shownOutcome !== state) return;
    const res = await fetchJson(url);
    if (res.ok && res.body) {
      if (res.body.ticketId) {
        state.ticketId = res.body.ticketId;
        renderOutcome();
        $('#ticket-link')?.focus();
        return;
      }
      if (res.body.status === 'WAITLISTED' || res.body.status === 'CANCELLED') {
        showOutcome({ ...state, kind: res.body.status.toLowerCase(), position: res.body.position });
        return;
      }
    }
    await sleep(POLL_INTERVAL_MS);
  }
  state.slow = true;
  renderOutcome();
}

/** The waiting-list position, when the answer to the POST did not carry it. */
async function fetchPosition(state) {
  const res = await fetchJson(`/api/registrations/${encodeURIComponent(state.registrationId)}?token=${encodeURIComponent(state.accessToken)}`);
  if (res.ok && typeof res.body?.position === 'number' && shownOutcome === state) {
    state.position = res.body.position;
    renderOutcome();
  }
}

async function onSubmit(event) {
  event.preventDefault();
  if (!selected) return;
  clearErrors();
  const body = payload();
  const json = JSON.stringify(body);
  if (!attempt || attempt.json !== json) attempt = { key: randomId(), json };
  submit.disabled = true;
  submit.textContent = t('form.sending');
  try {
    const res = await fetchJson(`/api/events/${encodeURIComponent(selected.id)}/registrations`,
      { json: body, headers: { 'Idempotency-Key': attempt.key } });
    const answer = res.body || {};
    if (res.status !== 0 && res.status < 500) attempt = null; // a definitive answer: the next submission is a new one
    if ((res.status === 201 || res.status === 200) && answer.accessToken) {
      const state = {
        kind: answer.status === 'WAITLISTED' ? 'waitlisted' : 'confirmed',
        event: selected,
        registrationId: answer.registrationId,
        accessToken: answer.accessToken,
        position: answer.position,
        ticketId: null,
      };
      showOutcome(state);
      if (state.kind === 'confirmed') await waitForTicket(state);
      else if (typeof state.position !== 'number') await fetchPosition(state);
    } else if (res.status === 200) {
      showOutcome({ kind: 'duplicate', event: selected });
    } else if (res.status === 400 || res.status === 422) {
      showProblem(answer);
    } else if (res.status === 404) {
      showMessage(t('result.notFound'));
    } else if (res.status === 409) {
      showMessage(String(answer.type || '').endsWith('/event-full') ? t('result.full')
        : String(answer.type || '').endsWith('/registration-closed') ? t('result.closed') : (answer.detail || t('result.error')));
    } else if (res.status === 0 || res.status >= 500) {
      showMessage(t('result.unavailable'));
    } else {
      showMessage(answer.detail || t('result.error'));
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
  renderOutcome();
  if (shownProblem) {
    const problem = shownProblem;
    clearErrors();
    showProblem(problem, { focus: false });
  }
  if (!localeChosen) $('#locale').value = currentLocale();
}

$('#locale').addEventListener('change', () => { localeChosen = true; });
form.addEventListener('submit', onSubmit);
initI18n(renderAll);
renderAll();
loadEvents();
