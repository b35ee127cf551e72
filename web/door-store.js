// What the door device keeps across reloads and network loss, in IndexedDB (a 100,000-ticket list is a few MB, more
// than localStorage reliably holds): each event's door list, and every scan this device made with its answer.
// A scan is {scanId, eventId, code, scannedAt, result, ticketId, admittedAt, deviceId, uploaded}: `uploaded` false
// for a scan decided offline and not yet sent to POST /events/{id}/checkins/offline.

const NAME = 'ticketing-door';
const LISTS = 'lists';
const SCANS = 'scans';

let opened = null;

function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore(LISTS, { keyPath: 'eventId' });
        db.createObjectStore(SCANS, { keyPath: 'scanId' }).createIndex('eventId', 'eventId');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opened;
}

async function run(storeName, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const result = work(transaction.objectStore(storeName));
    transaction.oncomplete = () => resolve(result?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** The stored door list of `eventId`, or undefined. */
export function getList(eventId) {
  return run(LISTS, 'readonly', (store) => store.get(eventId));
}

export function putList(list) {
  return run(LISTS, 'readwrite', (store) => store.put(list));
}

/** Saves (or replaces, by scanId) scans; resolves once they are durable in the browser's storage. */
export function putScans(scans) {
  return run(SCANS, 'readwrite', (store) => {
    for (const scan of scans) {
      store.put(scan);
    }
  });
}

/** Every scan of `eventId` on this device, oldest first. */
export async function scansOf(eventId) {
  const scans = await run(SCANS, 'readonly', (store) => store.index('eventId').getAll(eventId));
  return (scans || []).sort((a, b) => String(a.scannedAt).localeCompare(String(b.scannedAt)));
}

/** Every scan not yet uploaded, of any event (the device may have worked several doors offline). */
export async function pendingScans() {
  const scans = await run(SCANS, 'readonly', (store) => store.getAll());
  return (scans || []).filter((scan) => !scan.uploaded)
    .sort((a, b) => String(a.scannedAt).localeCompare(String(b.scannedAt)));
}
