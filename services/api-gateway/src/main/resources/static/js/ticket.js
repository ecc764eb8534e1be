import { $, fetchJson } from './dom.js';
import { eventName, initI18n, t, tOr } from './i18n.js';

// The page lives at /tickets/{ticketId}?t={accessToken}.
const ticketId = decodeURIComponent(window.location.pathname.replace(/^\/tickets\//, '').replace(/\/$/, ''));
const token = new URLSearchParams(window.location.search).get('t');

let ticket = null;
let event = null;
let problemKey = token ? null : 'ticket.missingToken';

function tokenQuery() {
  return `token=${encodeURIComponent(token)}`;
}

function render() {
  const status = $('#ticket-status');
  if (!ticket) {
    status.textContent = t(problemKey || 'ticket.loading');
    status.hidden = false;
    return;
  }
  status.hidden = true;
  const type = event && Array.isArray(event.ticketTypes)
    ? event.ticketTypes.find((candidate) => candidate.code === ticket.ticketType) : null;
  $('#ticket-holder').textContent = ticket.holderName || '';
  $('#ticket-organization').textContent = ticket.organization || '';
  $('#ticket-event').textContent = event ? eventName(event) : (ticket.eventId || '');
  $('#ticket-type').textContent = type ? type.name : (ticket.ticketType || '');
  $('#ticket-state').textContent = ticket.status ? tOr(`ticketStatus.${ticket.status}`, ticket.status) : '';
  $('#ticket-state').dataset.status = ticket.status || '';
  $('#ticket-code').textContent = ticket.code || '';
  $('#ticket-qr').alt = t('ticket.qrAlt');
  $('#ticket').hidden = false;
}

async function load() {
  if (!token || !ticketId) {
    problemKey = 'ticket.missingToken';
    render();
    return;
  }
  const res = await fetchJson(`/api/tickets/${encodeURIComponent(ticketId)}?${tokenQuery()}`);
  if (!res.ok || !res.body) {
    problemKey = [401, 403, 404].includes(res.status) ? 'ticket.notFound' : 'ticket.error';
    render();
    return;
  }
  ticket = res.body;
  $('#ticket-qr').src = `/api/tickets/${encodeURIComponent(ticketId)}/qr.png?${tokenQuery()}`;
  render();
  if (ticket.eventId) {
    const eventRes = await fetchJson(`/api/events/${encodeURIComponent(ticket.eventId)}`);
    if (eventRes.ok && eventRes.body) {
      event = eventRes.body;
      render();
    }
  }
}

initI18n(render);
load();
