// The door page's service worker: keeps the page's own files so that the page opens with no network. Registered by
// door.js with scope /web/door, so it serves the door page only (never the seat map, never the API).
// Network first (the server's files are always the newest; each answer refreshes the copy), the kept copy when the
// network fails or takes longer than NETWORK_WAIT_MS. API requests are not touched: the page decides what to do
// offline (door-list.js).

const CACHE = 'ticketing-door-v1';
const NETWORK_WAIT_MS = 3000;
const FILES = [
  '/web/door.html',
  '/web/door.js',
  '/web/door-codes.js',
  '/web/door-list.js',
  '/web/door-store.js',
  '/web/door.css',
  '/web/app.css',
  '/web/api.js',
  '/web/util.js',
  '/web/i18n.js',
  '/web/i18n/en.js',
  '/web/i18n/it.js',
  '/web/vendor/noble-ed25519.js',
  '/web/favicon.svg',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith('ticketing-door-') && name !== CACHE)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !FILES.includes(url.pathname)) {
    return;
  }
  event.respondWith(networkFirst(event.request, url.pathname));
});

async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withDeadline(fetch(request, { cache: 'no-store' }), NETWORK_WAIT_MS);
    if (response.ok) {
      await cache.put(path, response.clone());
      return response;
    }
    return (await cache.match(path)) || response;
  } catch (offline) {
    const kept = await cache.match(path);
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

function withDeadline(promise, milliseconds) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the network is too slow')), milliseconds);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}
