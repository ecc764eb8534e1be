// Offline copy of the attendee's ticket. Scope /tickets/ (registered by js/ticket.js). Network first, so
// a cancelled or corrected ticket shows its new state whenever there is a connection; the cached copy
// (stored by the page on its first visit, refreshed on every later one) only when the network fails or
// is too slow for a phone at the door. Answers from the cache carry X-Entrada-Offline: 1.

const CACHE = 'entrada-tickets-v1';
const NETWORK_TIMEOUT_MS = 4000;
const CACHEABLE = [/^\/tickets\/[^/]+$/, /^\/api\/tickets\/[^/]+(\/qr\.png)?$/, /^\/api\/events\/[^/]+$/,
  /^\/api\/registrations\/[^/]+$/, /^\/(css|js)\/[\w.-]+$/, /^\/favicon\.svg$/];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function fromCache(request) {
  const cached = await (await caches.open(CACHE)).match(request, { ignoreVary: true });
  if (!cached) return null;
  const headers = new Headers(cached.headers);
  headers.set('X-Entrada-Offline', '1');
  return new Response(await cached.blob(), { status: cached.status, statusText: cached.statusText, headers });
}

async function networkFirst(request) {
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  });
  network.catch(() => undefined); // awaited below when it matters; no unhandled rejection otherwise
  const timeout = new Promise((resolve) => { setTimeout(resolve, NETWORK_TIMEOUT_MS, null); });
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    return (await fromCache(request)) || (await network);
  } catch (error) {
    const cached = await fromCache(request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!CACHEABLE.some((pattern) => pattern.test(url.pathname))) return;
  event.respondWith(networkFirst(request));
});
