// The scanner page's service worker (scope /scan): network first (the page needs a staff sign-in online;
// offline the saved copy opens without one), so staff always get the current
// page when the server answers, and the last good copy of the page, its scripts and the event list
// when it does not — a scanner reopened at a door without network still starts, and decides with
// the offline pack it kept (scan-offline.js).

const CACHE = 'entrada-scan-v2';
// The event list is fetched before this worker controls the first page, so it is stored at install
// too: without it a scanner reopened offline would have no event or checkpoint to choose.
const SHELL = ['/scan', '/css/app.css', '/css/scan.css', '/js/scan.js', '/js/scan-offline.js', '/js/scan-camera.js',
  '/js/session.js', '/js/dom.js', '/js/i18n.js', '/favicon.svg', '/api/events'];
const KEPT = new Set(SHELL);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => Promise.all(SHELL.map((path) => cache.add(path).catch(() => undefined))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith('entrada-scan-') && name !== CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !KEPT.has(url.pathname)) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      // Not a redirect: /scan without a sign-in redirects to /login, which must not replace the saved page.
      if (response.ok && !response.redirected && response.type !== 'opaqueredirect') {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
      }
      return response;
    })
    .catch(() => caches.open(CACHE).then((cache) => cache.match(url.pathname))
      .then((cached) => cached || Response.error())));
});
