// Spanish for Spanish browsers, English otherwise; the switch in the header overrides it and is remembered.

const STORAGE_KEY = 'entrada.locale';

const MESSAGES = {
  es: {
    'lang.toggle': 'English',
    'skip': 'Saltar al contenido',
    'title.register': 'Entrada · Inscripción en eventos',
    'title.ticket': 'Tu entrada · Entrada',
    'nav.events': 'Eventos',
    'nav.scan': 'Escáner',
    'nav.dashboard': 'Panel',
    'nav.signOut': 'Cerrar sesión',
    'title.login': 'Iniciar sesión · Entrada',
    'login.title': 'Iniciar sesión',
    'login.intro': 'Para el personal y la organización del evento. Las personas inscritas no necesitan cuenta.',
    'login.username': 'Usuario',
    'login.password': 'Contraseña',
    'login.device': 'Este es un dispositivo de escaneo compartido (sesión de 7 días)',
    'login.deviceLabel': 'Nombre del dispositivo',
    'login.deviceHint': 'Por ejemplo «Puerta norte 2». La organización podrá desconectarlo si se pierde.',
    'login.submit': 'Entrar',
    'login.sending': 'Comprobando…',
    'login.wrong': 'Usuario o contraseña incorrectos.',
    'login.locked': 'Demasiados intentos. Vuelve a intentarlo en {minutes} min.',
    'login.invalid': 'Revisa los datos: {detail}',
    'login.unavailable': 'No se pudo conectar. Inténtalo de nuevo en unos momentos.',
    'login.needsRole': 'Esta página necesita una cuenta con más permisos. Entra con otra cuenta.',
    'auth.expired': 'Tu sesión ha terminado o no tiene permiso.',
    'auth.signIn': 'Iniciar sesión',

    'events.title': 'Eventos',
    'events.intro': 'Elige un evento e inscríbete. Recibirás tu entrada con código QR.',
    'events.loading': 'Cargando eventos…',
    'events.empty': 'No hay eventos publicados.',
    'events.error': 'No se pudieron cargar los eventos. Inténtalo de nuevo en unos momentos.',
    'events.seatsLeft': 'Plazas libres: {n}',
    'events.unlimited': 'Plazas sin límite',
    'events.full': 'Completo',
    'events.fullWaitlist': 'Completo: te apuntamos en la lista de espera',
    'events.sessions': 'Sesiones',
    'events.register': 'Inscribirme',
    'events.registerIn': 'Inscribirme en {event}',

    'form.title': 'Inscripción',
    'form.intro': 'Los campos marcados «(opcional)» puedes dejarlos en blanco.',
    'form.optional': '(opcional)',
    'form.fullName': 'Nombre y apellidos',
    'form.email': 'Correo electrónico',
    'form.organization': 'Empresa u organización',
    'form.organizationKind': 'Tipo de organización',
    'form.kind.none': '—',
    'kind.COMPANY': 'Empresa',
    'kind.RESEARCH_GROUP': 'Grupo de investigación o universidad',
    'kind.PUBLIC_BODY': 'Administración u organismo público',
    'kind.PRESS': 'Medio de comunicación',
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

    'error.fullName': 'Escribe tu nombre y apellidos (hasta 200 caracteres).',
    'error.email': 'Escribe un correo electrónico válido, como nombre@empresa.es.',
    'error.organization': 'Escribe tu empresa u organización (hasta 200 caracteres).',
    'error.organizationKind': 'Elige un tipo de organización de la lista.',
    'error.jobTitle': 'El cargo admite hasta 200 caracteres.',
    'error.country': 'Elige tu país.',
    'error.phone': 'Escribe un teléfono válido: cifras y espacios, con el prefijo + si quieres.',
    'error.ticketType': 'Elige un tipo de entrada de este evento.',
    'error.sessions': 'Elige solo sesiones de este evento.',
    'error.locale': 'Elige español o inglés.',
    'error.consent': 'Para inscribirte tienes que aceptar el tratamiento de tus datos.',

    'result.invalid': 'Revisa los campos marcados.',
    'result.confirmedTitle': 'Inscripción confirmada',
    'result.confirmedText': 'Te esperamos en {event}.',
    'result.preparing': 'Preparando tu entrada…',
    'result.ticketReady': 'Tu entrada con código QR está lista.',
    'result.openTicket': 'Ver mi entrada',
    'result.keepLink': 'Guarda el enlace de tu entrada: con él podrás verla sin conexión, corregir tus datos o cancelar.',
    'result.waitlistedTitle': 'Estás en la lista de espera',
    'result.position': 'Tu posición en la lista: {n}',
    'result.waitlistedText': 'El evento está completo. Te avisaremos por correo si queda una plaza libre.',
    'result.duplicate': 'Esta persona ya está inscrita en este evento. Busca la entrada en tu correo.',
    'result.cancelled': 'Esta inscripción está cancelada.',
    'result.slow': 'Tu entrada tarda más de lo normal. La recibirás por correo; también puedes volver a intentarlo.',
    'result.retry': 'Volver a comprobar',
    'result.another': 'Inscribir a otra persona',
    'result.notFound': 'Este evento ya no existe.',
    'result.full': 'No quedan plazas para este tipo de entrada y el evento no tiene lista de espera.',
    'result.closed': 'La inscripción de este evento no está abierta ahora.',
    'result.unavailable': 'El servicio no está disponible ahora mismo. Inténtalo de nuevo en unos momentos.',
    'result.error': 'No se pudo completar la inscripción.',

    'ticket.title': 'Tu entrada',
    'ticket.loading': 'Cargando la entrada…',
    'ticket.missingToken': 'Este enlace no está completo. Usa el enlace que recibiste por correo.',
    'ticket.notFound': 'No encontramos esta entrada o el enlace no es válido.',
    'ticket.error': 'No se pudo cargar la entrada. Inténtalo de nuevo en unos momentos.',
    'ticket.offline': 'Sin conexión: estás viendo la copia guardada de tu entrada.',
    'ticket.replaced': 'Esta entrada se ha sustituido por una nueva. Abriendo la nueva…',
    'ticket.holder': 'Titular',
    'ticket.organization': 'Organización',
    'ticket.event': 'Evento',
    'ticket.when': 'Fecha',
    'ticket.where': 'Lugar',
    'ticket.type': 'Tipo',
    'ticket.sessions': 'Sesiones',
    'ticket.noSessions': 'Ninguna elegida',
    'ticket.status': 'Estado',
    'ticket.qrAlt': 'Código QR de la entrada',
    'ticket.codeLabel': 'Código',
    'ticket.hint': 'Muestra este código en la entrada. Sube el brillo de la pantalla.',
    'ticket.badge': 'Descargar acreditación (PDF)',
    'ticket.calendar': 'Añadir al calendario',
    'ticket.manage': 'Gestionar mi inscripción',
    'ticket.correct': 'Corregir mis datos',
    'ticket.cancel': 'Cancelar mi inscripción',
    'privacy.title': 'Mis datos',
    'privacy.hint': 'Descarga todo lo que guardamos sobre ti, o bórralo. Borrarlo cancela la inscripción si el evento no ha terminado.',
    'privacy.export': 'Descargar mis datos (JSON)',
    'privacy.erase': 'Borrar mis datos',
    'privacy.eraseConfirmTitle': '¿Borrar tus datos?',
    'privacy.eraseConfirmText': 'Se borrarán tu nombre, correo, organización, cargo y teléfono. Si el evento no ha terminado, tu inscripción se cancelará y tu entrada dejará de valer. No se puede deshacer.',
    'privacy.eraseYes': 'Sí, borrar',
    'privacy.erasing': 'Borrando…',
    'privacy.erased': 'Tus datos personales se han borrado.',
    'privacy.eraseFailed': 'No se han podido borrar tus datos. Inténtalo de nuevo.',
    'ticket.cancelConfirmTitle': '¿Cancelar tu inscripción?',
    'ticket.cancelConfirmText': 'Tu entrada dejará de valer y tu plaza quedará libre para otra persona. No se puede deshacer.',
    'ticket.cancelYes': 'Sí, cancelar la inscripción',
    'ticket.keep': 'No, mantenerla',
    'ticket.cancelling': 'Cancelando…',
    'ticket.cancelled': 'Has cancelado tu inscripción. Esta entrada ya no vale.',
    'ticket.cancelFailed': 'No se pudo cancelar. Inténtalo de nuevo en unos momentos.',
    'ticket.correctTitle': 'Corregir mis datos',
    'ticket.correctHint': 'Al guardar recibirás una entrada nueva con otro código QR; la actual dejará de valer.',
    'ticket.save': 'Guardar cambios',
    'ticket.discard': 'Descartar',
    'ticket.correctConfirmTitle': '¿Guardar los cambios?',
    'ticket.correctYes': 'Sí, guardar y renovar la entrada',
    'ticket.back': 'Volver',
    'ticket.saving': 'Guardando…',
    'ticket.nothingChanged': 'No has cambiado ningún dato.',
    'ticket.reissuing': 'Datos guardados. Preparando tu nueva entrada…',
    'ticket.reissueSlow': 'Tu nueva entrada tarda más de lo normal. Vuelve a cargar esta página en un momento.',
    'ticket.saveFailed': 'No se pudieron guardar los cambios. Inténtalo de nuevo en unos momentos.',
    'ticketStatus.ISSUED': 'Válida',
    'ticketStatus.REVOKED': 'Anulada',
    'ticketStatus.REPLACED': 'Sustituida por una nueva',

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
    'scan.CHECKED_OUT': 'SALIDA',
    'scan.NOT_INSIDE': 'NO ESTABA DENTRO',
    'scan.direction': 'Sentido',
    'scan.in': 'Entrada',
    'scan.out': 'Salida',
    'scan.offline': 'Sin conexión — {n} en cola',
    'scan.offlineNoPack': 'Sin conexión y sin datos para decidir solo — {n} en cola',
    'scan.queued': 'Enviando lecturas hechas sin conexión: {n} en cola',
    'scan.onlineReady': 'Conectado · preparado para seguir sin conexión',
    'scan.decidedOffline': 'decidido sin conexión',
    'scan.camera': 'Cámara',
    'scan.cameraStop': 'Parar cámara',
    'scan.camera.starting': 'Abriendo la cámara…',
    'scan.camera.native': 'Apunta la cámara al código QR.',
    'scan.camera.server': 'Apunta la cámara al código QR (lectura en el servidor).',
    'scan.camera.error': 'No se pudo abrir la cámara.',
    'scan.manual': 'Buscar por nombre',
    'scan.manualTitle': 'Buscar a una persona',
    'scan.manualQuery': 'Nombre, organización o correo',
    'scan.manualSearch': 'Buscar',
    'scan.manualShort': 'Escribe al menos 2 letras.',
    'scan.manualNone': 'Nadie coincide.',
    'scan.manualOffline': 'La búsqueda necesita conexión.',
    'scan.manualCheckIn': 'Registrar entrada',
    'scan.alreadyInside': 'Ya está dentro',
    'scan.conflicts': 'Conflictos (dos dispositivos admitieron la misma entrada)',
    'scan.conflictItem': '{name}: ya había entrado por {checkpoint} ({device}) a las {time}',

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

    'dashboard.fullscreen': 'Pantalla completa',
    'dashboard.capacity': 'Aforo',
    'dashboard.organizationsPresent': 'Organizaciones presentes',
    'dashboard.arrivals': 'Llegadas',
    'dashboard.arrivalsHint': 'Línea: total de personas que han entrado; barras: llegadas por minuto.',
    'dashboard.perMinute': 'Por minuto',
    'dashboard.byKind': 'Por tipo de organización',
    'dashboard.bySession': 'Por sesión',
    'dashboard.byOrganization': 'Organizaciones',
    'dashboard.latest': 'Últimas entradas',
    'dashboard.devices': 'Dispositivos',
    'dashboard.conflictList': 'Conflictos sin conexión',
    'dashboard.exports': 'Exportar',
    'dashboard.exportsHint': 'Los listados contienen datos personales: cada descarga queda registrada.',
    'dashboard.exportAttendees': 'Asistentes (CSV)',
    'dashboard.exportSessions': 'Asistencia por sesión (CSV)',
    'dashboard.exportNoShows': 'No presentados (CSV)',
    'dashboard.exportSummary': 'Resumen imprimible (PDF)',
    'dashboard.exportRefused': 'Tu cuenta no puede exportar estos datos.',
    'dashboard.exportFailed': 'No se pudo exportar. Inténtalo de nuevo.',
    'dashboard.exportDone': 'Descargado.',
    'dashboard.live': 'En directo · actualizado a las {time}',
    'dashboard.connecting': 'Conectando…',
    'dashboard.unknown': 'Desconocido',
    'dashboard.kind': 'Tipo',
    'dashboard.session': 'Sesión',
    'dashboard.organization': 'Organización',
    'dashboard.time': 'Hora',
    'dashboard.ticket': 'Entrada',
    'dashboard.device': 'Dispositivo',
    'dashboard.lastContact': 'Último contacto',
    'dashboard.facts': 'Lecturas',
    'dashboard.stale': 'sin contacto',
    'dashboard.first': 'Primera lectura',
    'dashboard.manual': 'a mano',

    'common.eventsError': 'No se pudieron cargar los eventos.',
  },
  en: {
    'lang.toggle': 'Español',
    'skip': 'Skip to content',
    'title.register': 'Entrada · Event registration',
    'title.ticket': 'Your ticket · Entrada',
    'nav.events': 'Events',
    'nav.scan': 'Scanner',
    'nav.dashboard': 'Dashboard',
    'nav.signOut': 'Sign out',
    'title.login': 'Sign in · Entrada',
    'login.title': 'Sign in',
    'login.intro': 'For event staff and organisers. Attendees need no account.',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.device': 'This is a shared scanning device (7-day sign-in)',
    'login.deviceLabel': 'Device name',
    'login.deviceHint': 'For example "North door 2". Organisers can cut it off if it gets lost.',
    'login.submit': 'Sign in',
    'login.sending': 'Checking…',
    'login.wrong': 'Wrong user name or password.',
    'login.locked': 'Too many attempts. Try again in {minutes} min.',
    'login.invalid': 'Check the details: {detail}',
    'login.unavailable': 'Could not connect. Try again in a moment.',
    'login.needsRole': 'This page needs an account with more rights. Sign in with another account.',
    'auth.expired': 'Your sign-in has ended or lacks the rights for this.',
    'auth.signIn': 'Sign in',

    'events.title': 'Events',
    'events.intro': 'Pick an event and register. You will receive your ticket with a QR code.',
    'events.loading': 'Loading events…',
    'events.empty': 'No events are published.',
    'events.error': 'The events could not be loaded. Please try again in a moment.',
    'events.seatsLeft': 'Seats left: {n}',
    'events.unlimited': 'No seat limit',
    'events.full': 'Full',
    'events.fullWaitlist': 'Full: you will join the waiting list',
    'events.sessions': 'Sessions',
    'events.register': 'Register',
    'events.registerIn': 'Register for {event}',

    'form.title': 'Registration',
    'form.intro': 'Fields marked “(optional)” may be left blank.',
    'form.optional': '(optional)',
    'form.fullName': 'Full name',
    'form.email': 'E-mail',
    'form.organization': 'Company or organisation',
    'form.organizationKind': 'Kind of organisation',
    'form.kind.none': '—',
    'kind.COMPANY': 'Company',
    'kind.RESEARCH_GROUP': 'Research group or university',
    'kind.PUBLIC_BODY': 'Public administration or body',
    'kind.PRESS': 'Press',
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

    'error.fullName': 'Enter your full name (up to 200 characters).',
    'error.email': 'Enter a valid e-mail address, such as name@company.com.',
    'error.organization': 'Enter your company or organisation (up to 200 characters).',
    'error.organizationKind': 'Choose a kind of organisation from the list.',
    'error.jobTitle': 'The job title may have up to 200 characters.',
    'error.country': 'Choose your country.',
    'error.phone': 'Enter a valid phone number: digits and spaces, with a leading + if you like.',
    'error.ticketType': 'Choose a ticket type of this event.',
    'error.sessions': 'Choose only sessions of this event.',
    'error.locale': 'Choose Spanish or English.',
    'error.consent': 'To register you need to agree to your data being processed.',

    'result.invalid': 'Please check the marked fields.',
    'result.confirmedTitle': 'Registration confirmed',
    'result.confirmedText': 'See you at {event}.',
    'result.preparing': 'Preparing your ticket…',
    'result.ticketReady': 'Your ticket with its QR code is ready.',
    'result.openTicket': 'View my ticket',
    'result.keepLink': 'Keep the link to your ticket: with it you can see it offline, correct your details or cancel.',
    'result.waitlistedTitle': 'You are on the waiting list',
    'result.position': 'Your position on the list: {n}',
    'result.waitlistedText': 'The event is full. We will e-mail you if a seat becomes free.',
    'result.duplicate': 'This person is already registered for this event. Look for the ticket in your e-mail.',
    'result.cancelled': 'This registration is cancelled.',
    'result.slow': 'Your ticket is taking longer than usual. It will reach you by e-mail; you can also check again.',
    'result.retry': 'Check again',
    'result.another': 'Register someone else',
    'result.notFound': 'This event no longer exists.',
    'result.full': 'There are no seats left for this ticket type and the event has no waiting list.',
    'result.closed': 'Registration for this event is not open now.',
    'result.unavailable': 'The service is not available right now. Please try again in a moment.',
    'result.error': 'The registration could not be completed.',

    'ticket.title': 'Your ticket',
    'ticket.loading': 'Loading the ticket…',
    'ticket.missingToken': 'This link is incomplete. Use the link you received by e-mail.',
    'ticket.notFound': 'We could not find this ticket, or the link is not valid.',
    'ticket.error': 'The ticket could not be loaded. Please try again in a moment.',
    'ticket.offline': 'Offline: you are seeing the saved copy of your ticket.',
    'ticket.replaced': 'This ticket was replaced by a new one. Opening the new one…',
    'ticket.holder': 'Holder',
    'ticket.organization': 'Organisation',
    'ticket.event': 'Event',
    'ticket.when': 'Date',
    'ticket.where': 'Venue',
    'ticket.type': 'Type',
    'ticket.sessions': 'Sessions',
    'ticket.noSessions': 'None chosen',
    'ticket.status': 'Status',
    'ticket.qrAlt': 'QR code of the ticket',
    'ticket.codeLabel': 'Code',
    'ticket.hint': 'Show this code at the entrance. Turn the screen brightness up.',
    'ticket.badge': 'Download badge (PDF)',
    'ticket.calendar': 'Add to calendar',
    'ticket.manage': 'Manage my registration',
    'ticket.correct': 'Correct my details',
    'ticket.cancel': 'Cancel my registration',
    'privacy.title': 'My data',
    'privacy.hint': 'Download everything we hold about you, or erase it. Erasing cancels the registration if the event has not ended.',
    'privacy.export': 'Download my data (JSON)',
    'privacy.erase': 'Erase my data',
    'privacy.eraseConfirmTitle': 'Erase your data?',
    'privacy.eraseConfirmText': 'Your name, e-mail, organisation, job title and phone will be erased. If the event has not ended, your registration is cancelled and your ticket stops working. This cannot be undone.',
    'privacy.eraseYes': 'Yes, erase',
    'privacy.erasing': 'Erasing…',
    'privacy.erased': 'Your personal data has been erased.',
    'privacy.eraseFailed': 'Your data could not be erased. Please try again.',
    'ticket.cancelConfirmTitle': 'Cancel your registration?',
    'ticket.cancelConfirmText': 'Your ticket will stop being valid and your seat will go to someone else. This cannot be undone.',
    'ticket.cancelYes': 'Yes, cancel my registration',
    'ticket.keep': 'No, keep it',
    'ticket.cancelling': 'Cancelling…',
    'ticket.cancelled': 'You cancelled your registration. This ticket is no longer valid.',
    'ticket.cancelFailed': 'The registration could not be cancelled. Please try again in a moment.',
    'ticket.correctTitle': 'Correct my details',
    'ticket.correctHint': 'When you save, you get a new ticket with a new QR code; the current one stops being valid.',
    'ticket.save': 'Save changes',
    'ticket.discard': 'Discard',
    'ticket.correctConfirmTitle': 'Save the changes?',
    'ticket.correctYes': 'Yes, save and renew my ticket',
    'ticket.back': 'Go back',
    'ticket.saving': 'Saving…',
    'ticket.nothingChanged': 'You have not changed anything.',
    'ticket.reissuing': 'Details saved. Preparing your new ticket…',
    'ticket.reissueSlow': 'Your new ticket is taking longer than usual. Reload this page in a moment.',
    'ticket.saveFailed': 'The changes could not be saved. Please try again in a moment.',
    'ticketStatus.ISSUED': 'Valid',
    'ticketStatus.REVOKED': 'Revoked',
    'ticketStatus.REPLACED': 'Replaced by a new one',

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
    'scan.CHECKED_OUT': 'CHECKED OUT',
    'scan.NOT_INSIDE': 'NOT INSIDE',
    'scan.direction': 'Direction',
    'scan.in': 'Entry',
    'scan.out': 'Exit',
    'scan.offline': 'Offline — {n} queued',
    'scan.offlineNoPack': 'Offline, without data to decide alone — {n} queued',
    'scan.queued': 'Sending scans made offline: {n} queued',
    'scan.onlineReady': 'Online · ready to carry on offline',
    'scan.decidedOffline': 'decided offline',
    'scan.camera': 'Camera',
    'scan.cameraStop': 'Stop camera',
    'scan.camera.starting': 'Opening the camera…',
    'scan.camera.native': 'Point the camera at the QR code.',
    'scan.camera.server': 'Point the camera at the QR code (read on the server).',
    'scan.camera.error': 'Could not open the camera.',
    'scan.manual': 'Search by name',
    'scan.manualTitle': 'Find a person',
    'scan.manualQuery': 'Name, organisation or e-mail',
    'scan.manualSearch': 'Search',
    'scan.manualShort': 'Type at least 2 letters.',
    'scan.manualNone': 'Nobody matches.',
    'scan.manualOffline': 'Search needs a connection.',
    'scan.manualCheckIn': 'Check in',
    'scan.alreadyInside': 'Already inside',
    'scan.conflicts': 'Conflicts (two devices admitted the same ticket)',
    'scan.conflictItem': '{name}: had already entered through {checkpoint} ({device}) at {time}',

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

    'dashboard.fullscreen': 'Full screen',
    'dashboard.capacity': 'Capacity',
    'dashboard.organizationsPresent': 'Organisations present',
    'dashboard.arrivals': 'Arrivals',
    'dashboard.arrivalsHint': 'Line: people checked in so far; bars: arrivals per minute.',
    'dashboard.perMinute': 'Per minute',
    'dashboard.byKind': 'By kind of organisation',
    'dashboard.bySession': 'By session',
    'dashboard.byOrganization': 'Organisations',
    'dashboard.latest': 'Latest check-ins',
    'dashboard.devices': 'Devices',
    'dashboard.conflictList': 'Offline conflicts',
    'dashboard.exports': 'Export',
    'dashboard.exportsHint': 'The lists hold personal data: every download is recorded.',
    'dashboard.exportAttendees': 'Attendees (CSV)',
    'dashboard.exportSessions': 'Attendance per session (CSV)',
    'dashboard.exportNoShows': 'No-shows (CSV)',
    'dashboard.exportSummary': 'Printable summary (PDF)',
    'dashboard.exportRefused': 'Your account may not export these data.',
    'dashboard.exportFailed': 'The export failed. Try again.',
    'dashboard.exportDone': 'Downloaded.',
    'dashboard.live': 'Live · updated at {time}',
    'dashboard.connecting': 'Connecting…',
    'dashboard.unknown': 'Unknown',
    'dashboard.kind': 'Kind',
    'dashboard.session': 'Session',
    'dashboard.organization': 'Organisation',
    'dashboard.time': 'Time',
    'dashboard.ticket': 'Ticket',
    'dashboard.device': 'Device',
    'dashboard.lastContact': 'Last contact',
    'dashboard.facts': 'Scans',
    'dashboard.stale': 'silent',
    'dashboard.first': 'First scan',
    'dashboard.manual': 'by hand',

    'common.eventsError': 'The events could not be loaded.',
  },
};

export const LOCALES = ['es', 'en'];

/** Spanish for browsers that ask for Spanish (or another language of Spain) first, English otherwise. */
export function browserLocale(languages = navigator.languages || [navigator.language]) {
  for (const tag of languages) {
    const primary = String(tag || '').toLowerCase().split('-')[0];
    if (primary === 'es' || primary === 'en') return primary;
    if (['ca', 'gl', 'eu'].includes(primary)) return 'es';
  }
  return 'en';
}

function storedLocale() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(stored) ? stored : null;
  } catch {
    return null;
  }
}

let locale = storedLocale() || browserLocale();
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
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // private mode without storage: the choice lasts for this page only
      }
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
