// Spanish by default, English on request; the choice is remembered per browser.

const STORAGE_KEY = 'entrada.locale';

const MESSAGES = {
  es: {
    'lang.toggle': 'English',
    'nav.events': 'Eventos',
    'nav.scan': 'Escáner',
    'nav.dashboard': 'Panel',

    'events.title': 'Eventos',
    'events.intro': 'Elige un evento e inscríbete. Recibirás tu entrada con código QR.',
    'events.loading': 'Cargando eventos…',
    'events.empty': 'No hay eventos publicados.',
    'events.error': 'No se pudieron cargar los eventos. Inténtalo de nuevo en unos momentos.',
    'events.seatsLeft': 'Plazas libres: {n}',
    'events.unlimited': 'Plazas sin límite',
    'events.full': 'Completo',
    'events.fullWaitlist': 'Completo: te apuntamos en la lista de espera',
    'events.register': 'Inscribirme',

    'form.title': 'Inscripción',
    'form.optional': '(opcional)',
    'form.fullName': 'Nombre y apellidos',
    'form.email': 'Correo electrónico',
    'form.organization': 'Empresa u organización',
    'form.organizationKind': 'Tipo de organización',
    'form.kind.none': '—',
    'kind.COMPANY': 'Empresa',
    'kind.UNIVERSITY': 'Universidad o grupo de investigación',
    'kind.PUBLIC_ADMINISTRATION': 'Administración pública',
    'kind.ASSOCIATION': 'Asociación o clúster',
    'kind.OTHER': 'Otra',
    'form.jobTitle': 'Cargo',
    'form.country': 'País',
    'form.phone': 'Teléfono',
    'form.ticketType': 'Tipo de entrada',
    'form.sessions': 'Sesiones a las que asistirás',
    'form.noSessions': 'Este evento no tiene sesiones para elegir.',
    'form.locale': 'Idioma de las comunicaciones',
    'form.consent': 'Acepto que se traten mis datos para gestionar mi inscripción y el acceso al evento.',
    'form.submit': 'Inscribirme',
    'form.sending': 'Enviando…',

    'result.invalid': 'Revisa los campos marcados.',
    'result.confirmed': 'Inscripción confirmada. Preparando tu entrada…',
    'result.waitlisted': 'El evento está completo: estás en la lista de espera. Te avisaremos por correo si queda una plaza libre.',
    'result.duplicate': 'Esta persona ya está inscrita en este evento. Busca la entrada en tu correo.',
    'result.cancelled': 'Esta inscripción está cancelada.',
    'result.slow': 'Tu entrada tarda más de lo normal. La recibirás por correo; también puedes volver a intentarlo.',
    'result.retry': 'Volver a comprobar',
    'result.notFound': 'Este evento ya no existe.',
    'result.unavailable': 'El servicio no está disponible ahora mismo. Inténtalo de nuevo en unos momentos.',
    'result.error': 'No se pudo completar la inscripción.',

    'ticket.title': 'Tu entrada',
    'ticket.loading': 'Cargando la entrada…',
    'ticket.missingToken': 'Este enlace no está completo. Usa el enlace que recibiste por correo.',
    'ticket.notFound': 'No encontramos esta entrada o el enlace no es válido.',
    'ticket.error': 'No se pudo cargar la entrada. Inténtalo de nuevo en unos momentos.',
    'ticket.holder': 'Titular',
    'ticket.organization': 'Organización',
    'ticket.event': 'Evento',
    'ticket.type': 'Tipo',
    'ticket.status': 'Estado',
    'ticket.qrAlt': 'Código QR de la entrada',
    'ticket.codeLabel': 'Código',
    'ticket.hint': 'Muestra este código en la entrada. Sube el brillo de la pantalla.',
    'ticketStatus.ISSUED': 'Válida',
    'ticketStatus.REVOKED': 'Anulada',

    'scan.title': 'Escáner de acceso',
    'scan.event': 'Evento',
    'scan.checkpoint': 'Punto de control',
    'scan.input': 'Código',
    'scan.hint': 'Escanea con el lector o escribe el código y pulsa Intro.',
    'scan.device': 'Dispositivo',
    'scan.choose': 'Elige evento y punto de control.',
    'scan.ready': 'Listo para escanear',
    'scan.checking': 'Comprobando…',
    'scan.ADMITTED': 'ADMITIDO',
    'scan.ALREADY_CHECKED_IN': 'YA ENTRÓ',
    'scan.REJECTED': 'RECHAZADO',
    'scan.firstAt': 'Primera lectura: {time} en {checkpoint}',
    'scan.error': 'Sin respuesta del servidor. Vuelve a escanear.',
    'scan.history': 'Últimas lecturas',
    'reason.INVALID_SIGNATURE': 'Firma no válida (código falso o alterado)',
    'reason.UNKNOWN_KEY': 'Clave de firma desconocida',
    'reason.REVOKED': 'Entrada anulada',
    'reason.WRONG_EVENT': 'Entrada de otro evento',
    'reason.WRONG_CHECKPOINT': 'Esta entrada no da acceso aquí',
    'reason.OUTSIDE_WINDOW': 'Fuera del horario de validez',
    'reason.MALFORMED': 'Código ilegible',
    'reason.NOT_FOUND': 'Entrada no encontrada',

    'dash.title': 'Asistencia en directo',
    'dash.event': 'Evento',
    'dash.registered': 'Inscritos',
    'dash.checkedIn': 'Han entrado',
    'dash.inside': 'Dentro ahora',
    'dash.waitlisted': 'En lista de espera',
    'dash.cancelled': 'Cancelados',
    'dash.rejected': 'Lecturas rechazadas',
    'dash.conflicts': 'Conflictos',
    'dash.byCheckpoint': 'Por punto de control',
    'dash.byTicketType': 'Por tipo de entrada',
    'dash.byCountry': 'Por país',
    'dash.byReason': 'Rechazos por motivo',
    'dash.checkpoint': 'Punto de control',
    'dash.ticketType': 'Tipo',
    'dash.country': 'País',
    'dash.reason': 'Motivo',
    'dash.count': 'Número',
    'dash.updated': 'Actualizado a las {time}',
    'dash.stale': 'Sin conexión con el servidor; mostrando datos de las {time}',
    'dash.noData': 'Aún no hay datos de este evento.',
    'dash.none': 'Nada todavía.',

    'common.eventsError': 'No se pudieron cargar los eventos.',
  },
  en: {
    'lang.toggle': 'Español',
    'nav.events': 'Events',
    'nav.scan': 'Scanner',
    'nav.dashboard': 'Dashboard',

    'events.title': 'Events',
    'events.intro': 'Pick an event and register. You will receive your ticket with a QR code.',
    'events.loading': 'Loading events…',
    'events.empty': 'No events are published.',
    'events.error': 'The events could not be loaded. Please try again in a moment.',
    'events.seatsLeft': 'Seats left: {n}',
    'events.unlimited': 'No seat limit',
    'events.full': 'Full',
    'events.fullWaitlist': 'Full: you will join the waiting list',
    'events.register': 'Register',

    'form.title': 'Registration',
    'form.optional': '(optional)',
    'form.fullName': 'Full name',
    'form.email': 'E-mail',
    'form.organization': 'Company or organisation',
    'form.organizationKind': 'Kind of organisation',
    'form.kind.none': '—',
    'kind.COMPANY': 'Company',
    'kind.UNIVERSITY': 'University or research group',
    'kind.PUBLIC_ADMINISTRATION': 'Public administration',
    'kind.ASSOCIATION': 'Association or cluster',
    'kind.OTHER': 'Other',
    'form.jobTitle': 'Job title',
    'form.country': 'Country',
    'form.phone': 'Phone',
    'form.ticketType': 'Ticket type',
    'form.sessions': 'Sessions you will attend',
    'form.noSessions': 'This event has no sessions to choose.',
    'form.locale': 'Language for messages',
    'form.consent': 'I agree to my data being processed to manage my registration and my access to the event.',
    'form.submit': 'Register',
    'form.sending': 'Sending…',

    'result.invalid': 'Please check the marked fields.',
    'result.confirmed': 'Registration confirmed. Preparing your ticket…',
    'result.waitlisted': 'The event is full: you are on the waiting list. We will e-mail you if a seat becomes free.',
    'result.duplicate': 'This person is already registered for this event. Look for the ticket in your e-mail.',
    'result.cancelled': 'This registration is cancelled.',
    'result.slow': 'Your ticket is taking longer than usual. It will reach you by e-mail; you can also check again.',
    'result.retry': 'Check again',
    'result.notFound': 'This event no longer exists.',
    'result.unavailable': 'The service is not available right now. Please try again in a moment.',
    'result.error': 'The registration could not be completed.',

    'ticket.title': 'Your ticket',
    'ticket.loading': 'Loading the ticket…',
    'ticket.missingToken': 'This link is incomplete. Use the link you received by e-mail.',
    'ticket.notFound': 'We could not find this ticket, or the link is not valid.',
    'ticket.error': 'The ticket could not be loaded. Please try again in a moment.',
    'ticket.holder': 'Holder',
    'ticket.organization': 'Organisation',
    'ticket.event': 'Event',
    'ticket.type': 'Type',
    'ticket.status': 'Status',
    'ticket.qrAlt': 'QR code of the ticket',
    'ticket.codeLabel': 'Code',
    'ticket.hint': 'Show this code at the entrance. Turn the screen brightness up.',
    'ticketStatus.ISSUED': 'Valid',
    'ticketStatus.REVOKED': 'Revoked',

    'scan.title': 'Entrance scanner',
    'scan.event': 'Event',
    'scan.checkpoint': 'Checkpoint',
    'scan.input': 'Code',
    'scan.hint': 'Scan with the reader, or type the code and press Enter.',
    'scan.device': 'Device',
    'scan.choose': 'Choose the event and the checkpoint.',
    'scan.ready': 'Ready to scan',
    'scan.checking': 'Checking…',
    'scan.ADMITTED': 'ADMITTED',
    'scan.ALREADY_CHECKED_IN': 'ALREADY CHECKED IN',
    'scan.REJECTED': 'REJECTED',
    'scan.firstAt': 'First scan: {time} at {checkpoint}',
    'scan.error': 'No answer from the server. Scan again.',
    'scan.history': 'Recent scans',
    'reason.INVALID_SIGNATURE': 'Invalid signature (forged or altered code)',
    'reason.UNKNOWN_KEY': 'Unknown signing key',
    'reason.REVOKED': 'Ticket revoked',
    'reason.WRONG_EVENT': 'Ticket for another event',
    'reason.WRONG_CHECKPOINT': 'This ticket does not give access here',
    'reason.OUTSIDE_WINDOW': 'Outside the validity window',
    'reason.MALFORMED': 'Unreadable code',
    'reason.NOT_FOUND': 'Ticket not found',

    'dash.title': 'Live attendance',
    'dash.event': 'Event',
    'dash.registered': 'Registered',
    'dash.checkedIn': 'Checked in',
    'dash.inside': 'Inside now',
    'dash.waitlisted': 'Waiting list',
    'dash.cancelled': 'Cancelled',
    'dash.rejected': 'Rejected scans',
    'dash.conflicts': 'Conflicts',
    'dash.byCheckpoint': 'By checkpoint',
    'dash.byTicketType': 'By ticket type',
    'dash.byCountry': 'By country',
    'dash.byReason': 'Rejections by reason',
    'dash.checkpoint': 'Checkpoint',
    'dash.ticketType': 'Type',
    'dash.country': 'Country',
    'dash.reason': 'Reason',
    'dash.count': 'Count',
    'dash.updated': 'Updated at {time}',
    'dash.stale': 'No connection to the server; showing data from {time}',
    'dash.noData': 'No data for this event yet.',
    'dash.none': 'Nothing yet.',

    'common.eventsError': 'The events could not be loaded.',
  },
};

export const LOCALES = ['es', 'en'];

let locale = LOCALES.includes(localStorage.getItem(STORAGE_KEY)) ? localStorage.getItem(STORAGE_KEY) : 'es';
const listeners = [];

export function currentLocale() {
  return locale;
}

/** The message for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[locale][key] ?? MESSAGES.es[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** The text for a code such as a rejection reason, or the code itself when there is none. */
export function tOr(key, fallback) {
  return MESSAGES[locale][key] ?? fallback;
}

function apply() {
  document.documentElement.lang = locale;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.textContent = t('lang.toggle');
    toggle.lang = locale === 'es' ? 'en' : 'es';
  }
}

/** Translates the static texts now and whenever the language changes; onChange re-renders the rest. */
export function initI18n(onChange) {
  if (onChange) listeners.push(onChange);
  const toggle = document.getElementById('lang-toggle');
  if (toggle && !toggle.dataset.bound) {
    toggle.dataset.bound = 'true';
    toggle.addEventListener('click', () => {
      locale = locale === 'es' ? 'en' : 'es';
      localStorage.setItem(STORAGE_KEY, locale);
      apply();
      listeners.forEach((listener) => listener(locale));
    });
  }
  apply();
}

/** The name of an event in the current language (events carry `names` per locale). */
export function eventName(event) {
  return (event.names && event.names[locale]) || event.name || event.id;
}

const MADRID = 'Europe/Madrid';

/** Dates in the events' own time zone (all of them are in Spain), in the reader's language. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: MADRID }).format(date);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(date);
}

export function formatRange(startsAt, endsAt) {
  if (!startsAt) return '';
  const start = new Date(startsAt);
  const end = endsAt ? new Date(endsAt) : null;
  if (end && !Number.isNaN(end.getTime()) && typeof Intl.DateTimeFormat.prototype.formatRange === 'function') {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: MADRID }).formatRange(start, end);
  }
  return formatDateTime(startsAt);
}

export function countryName(code) {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}
