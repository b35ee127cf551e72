// The door page: staff choose the event, scan a ticket's QR code with the camera (where the browser has
// BarcodeDetector) or type / paste it, and get one big answer. Online, the server decides (POST
// /events/{id}/checkins); with no network, the device decides from the event's signed door list (door-list.js),
// keeps its scans (door-store.js) and uploads them when the network is back (POST /events/{id}/checkins/offline).
// The page's files come from the service worker's copy when the network is gone (door-sw.js).
//
// Each scan has its own scanId (the server answers a scan sent twice with its first answer), so a retried request
// sends the same one; the device's id is made once and kept in localStorage.

import { Api, ApiError } from './api.js';
import { $, el, newKey, shared } from './util.js';
import { SUPPORTED, formatTime, lang, setLang, t } from './i18n.js';
import { getList, pendingScans, putList, putScans, scansOf } from './door-store.js';
import { DoorListError, admittedCount, checkOffline, mergeList, openSignedList } from './door-list.js';
import { decodeCode } from './door-codes.js';

const SESSION_KEY = 'ticketing.door.session';
const DEVICE_KEY = 'ticketing.door.device';
const EVENT_KEY = 'ticketing.door.event';
const EVENTS_KEY = 'ticketing.door.events';
/** How long a check waits for the server before the device decides from its door list. */
const ONLINE_WAIT_MS = 4000;
/** How often the page uploads offline scans and refreshes the door list and the counter. */
const SYNC_MS = 15000;
/** The most scans one upload carries (the server's limit). */
const UPLOAD_BATCH = 500;
/** The camera ignores the same code for this long, so a ticket held in view is checked once. */
const SAME_CODE_MS = 4000;
const RECENT = 10;

const state = {
  session: shared.get(SESSION_KEY), // {token, userId}
  deviceId: deviceId(),
  events: shared.get(EVENTS_KEY) || [],
  eventId: null,
  list: null, // the event's stored door list, or null
  listMissing: false, // the server has no door list for the event (checks are online only)
  scans: [], // this device's scans of the event
  report: null, // {sold, admitted} from the server, or null
  online: true,
  answer: null, // the answer on screen, kept to re-render it in another language
  retry: null, // the scan a "Try again" sends again, with the same scanId
  doubles: 0, // uploaded offline admissions the server found admitted before
  busy: false,
  syncing: null,
};

const api = new Api({
  token: () => state.session?.token,
  onUnauthorized: () => signOut(),
});

/** This device's id: made once, kept across reloads (409s name it, the server's report too). */
function deviceId() {
  let id = shared.get(DEVICE_KEY);
  if (!id) {
    id = `door-${newKey().slice(0, 8)}`;
    shared.set(DEVICE_KEY, id);
  }
  return id;
}

// ---- texts -----------------------------------------------------------------------------------------------------

function applyTexts() {
  document.documentElement.lang = lang();
  document.title = t('door.pageTitle');
  for (const node of document.querySelectorAll('[data-t]')) {
    node.textContent = t(node.dataset.t);
  }
  for (const node of document.querySelectorAll('[data-t-label]')) {
    node.setAttribute('aria-label', t(node.dataset.tLabel));
  }
  const select = $('#lang');
  select.replaceChildren(...Object.keys(SUPPORTED).map((code) =>
    el('option', { value: code, selected: code === lang() }, t(`common.language.${code}`))));
}

// ---- signing in (the local stack's dev tokens, group "staff") -----------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const input = $('#staff-name');
  const userId = input.value.trim();
  if (!input.checkValidity() || !userId) {
    input.focus();
    return;
  }
  try {
    const answer = await api.post('/dev/token', { userId, groups: ['staff'] });
    state.session = { token: answer.data.token, userId };
    shared.set(SESSION_KEY, state.session);
    render();
    $('#code').focus();
    sync();
  } catch (error) {
    show({ result: 'error', message: error.message });
  }
}

function signOut() {
  state.session = null;
  shared.set(SESSION_KEY, null);
  render();
}

// ---- events ------------------------------------------------------------------------------------------------------

async function loadEvents() {
  try {
    const answer = await api.get('/events');
    state.events = (answer.data?.events || []).map(({ id, name, date }) => ({ id, name, date }));
    shared.set(EVENTS_KEY, state.events);
    state.online = true;
  } catch (error) {
    state.online = false; // the events seen last time stay choosable
  }
  const wanted = new URLSearchParams(location.search).get('event') || shared.get(EVENT_KEY);
  if (wanted && state.online && !state.events.some((e) => e.id === wanted)) {
    try {
      // an event the list leaves out (another page of it): the one asked for by its address
      const { data } = await api.get(`/events/${encodeURIComponent(wanted)}`);
      state.events.push({ id: data.id, name: data.name, date: data.date });
      shared.set(EVENTS_KEY, state.events);
    } catch (error) {
      // no such event: the first one is chosen
    }
  }
  const chosen = state.events.find((e) => e.id === wanted) || state.events[0];
  await chooseEvent(chosen?.id || null);
}

async function chooseEvent(eventId) {
  state.eventId = eventId;
  shared.set(EVENT_KEY, eventId);
  state.list = eventId ? (await getList(eventId)) || null : null;
  state.scans = eventId ? await scansOf(eventId) : [];
  state.report = null;
  state.listMissing = false;
  state.answer = null;
  state.retry = null;
  render();
  await sync();
}

// ---- checking a code -----------------------------------------------------------------------------------------------

/**
 * Checks `text` (or sends `retry`, a scan that got no answer, again with its scanId): the server's answer when it
 * gives one in time, else the door list's. Shows the answer and keeps the scan.
 */
async function check(text, retry = null) {
  const code = String(retry?.code ?? text ?? '').trim();
  if (!code || state.busy) {
    return;
  }
  if (!state.eventId) {
    show({ result: 'no-event' });
    return;
  }
  const scan = retry || { scanId: newKey(), eventId: state.eventId, code, scannedAt: new Date().toISOString() };
  state.busy = true;
  $('#check').disabled = true;
  try {
    const mine = admittedHereNotUploaded(code);
    let answer = mine || (state.session ? await checkOnline(scan) : { result: 'signed-out' });
    if (answer.result === 'no-answer') {
      answer = state.list ? { ...(await checkOffline(code, state.eventId, state.list, admittedHere())), offline: true }
        : { result: 'no-network' };
    }
    answer = withSeat(answer);
    state.retry = answer.result === 'no-network' ? scan : null;
    if (decided(answer)) {
      // Only an offline admission goes up for reconciliation: the server counts every uploaded scan as someone let
      // in, so a scan refused here (revoked, already admitted, forged) uploaded would be flagged a double admission.
      const kept = { ...scan, ...answer, deviceId: state.deviceId,
        uploaded: !answer.offline || !!answer.mine || answer.result !== 'admitted' };
      if (kept.result === 'admitted' && !kept.admittedAt) {
        kept.admittedAt = scan.scannedAt; // admitted offline: at the scan
      }
      await putScans([kept]);
      state.scans.push(kept);
    }
    show(answer);
    if (answer.result === 'admitted' && !answer.offline) {
      refreshReport(); // the counter moves with the server's count too
    }
  } finally {
    state.busy = false;
    $('#check').disabled = false;
  }
}

/**
 * The answer with the seat and name this device already knows for its ticket (a 409 names only the seat id): from
 * an earlier scan of the ticket here, else from the door list.
 */
function withSeat(answer) {
  if (!answer.ticketId || Number.isInteger(answer.row) || answer.label) {
    return answer;
  }
  const earlier = state.scans.find((scan) => scan.ticketId === answer.ticketId && (Number.isInteger(scan.row) || scan.label));
  if (earlier) {
    return { ...answer, row: earlier.row, seat: earlier.seat, label: earlier.label, name: answer.name || earlier.name };
  }
  const listed = state.list?.tickets[answer.ticketId];
  return listed ? { ...answer, label: listed[1], name: answer.name || listed[2] } : answer;
}

/** An answer about the ticket itself (kept on the device), rather than about the page or the network. */
function decided(answer) {
  return ['admitted', 'already-admitted', 'revoked', 'unknown', 'wrong-event'].includes(answer.result);
}

/** The server's answer to a scan, or {result: "no-answer"} when the network or the server failed to give one. */
async function checkOnline(scan) {
  let response;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ONLINE_WAIT_MS);
  try {
    response = await api.post(`/events/${encodeURIComponent(scan.eventId)}/checkins`,
      { code: scan.code, deviceId: state.deviceId, scanId: scan.scanId },
      { accept: [400, 401, 403, 404, 409, 410, 429], signal: controller.signal });
    state.online = true;
  } catch (error) {
    if (error.name === 'AbortError' || (error instanceof ApiError && (error.status === 0 || error.status >= 500))) {
      state.online = false;
      return { result: 'no-answer' };
    }
    return { result: 'error', message: error.message };
  } finally {
    clearTimeout(timer);
  }
  const body = response.data || {};
  switch (response.status) {
    case 200:
      return { result: 'admitted', ticketId: body.ticketId, seatId: body.seatId, row: body.row, seat: body.seat,
        label: body.label, name: body.name, admittedAt: body.admittedAt };
    case 409:
      return String(body.type || '').endsWith('already-admitted')
        ? { result: 'already-admitted', ticketId: body.ticketId, seatId: body.seatId, admittedAt: body.admittedAt,
          firstDevice: body.deviceId }
        : { result: 'changed' };
    case 410:
      return { result: 'revoked', ticketId: body.ticketId };
    case 400:
      return body.ticketEventId ? { result: 'wrong-event', ticketEventId: body.ticketEventId } : { result: 'unknown' };
    case 404:
      return { result: 'unknown' };
    case 429:
      return { result: 'rate-limited' };
    case 401:
      return { result: 'signed-out' };
    default:
      return { result: 'forbidden' };
  }
}

/**
 * The already-admitted answer for a ticket this device let in offline and has not uploaded yet (the server does not
 * know it: asking it would admit the ticket twice), else null.
 */
function admittedHereNotUploaded(text) {
  const code = decodeCode(text);
  const first = code && state.scans.find((scan) => scan.ticketId === code.ticketId && scan.result === 'admitted' && !scan.uploaded);
  return first ? { result: 'already-admitted', ticketId: first.ticketId, seatId: first.seatId, admittedAt: first.admittedAt,
    firstDevice: state.deviceId, mine: true } : null;
}

/** The tickets this device knows as admitted (by itself, or by another device as the server said): id -> first. */
function admittedHere() {
  const known = {};
  for (const scan of state.scans) {
    if (scan.result === 'admitted' && !known[scan.ticketId]) {
      known[scan.ticketId] = { at: scan.admittedAt || scan.scannedAt, deviceId: state.deviceId };
    } else if (scan.result === 'already-admitted' && scan.admittedAt && !known[scan.ticketId]) {
      known[scan.ticketId] = { at: scan.admittedAt, deviceId: scan.firstDevice || scan.deviceId };
    }
  }
  return known;
}

// ---- syncing: upload offline scans, refresh the door list and the counter -----------------------------------------

function sync() {
  if (!state.syncing) {
    state.syncing = doSync().finally(() => {
      state.syncing = null;
      render();
    });
  }
  return state.syncing;
}

async function doSync() {
  if (!state.session) {
    return;
  }
  try {
    try {
      await upload();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) {
        throw error;
      }
      console.warn('offline scans kept for a later upload:', error.message); // e.g. a server without the route yet
    }
    if (state.eventId) {
      await refreshList();
      await refreshReport();
    }
    state.online = true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
      state.online = false;
    } else if (!(error instanceof DoorListError)) {
      console.error(error);
    }
  }
}

/** Sends every scan decided offline, by event, at most UPLOAD_BATCH a request, with the scanIds they were made with. */
async function upload() {
  const pending = await pendingScans();
  const byEvent = new Map();
  for (const scan of pending) {
    byEvent.set(scan.eventId, [...(byEvent.get(scan.eventId) || []), scan]);
  }
  for (const [eventId, scans] of byEvent) {
    for (let start = 0; start < scans.length; start += UPLOAD_BATCH) {
      const batch = scans.slice(start, start + UPLOAD_BATCH);
      const answer = await api.post(`/events/${encodeURIComponent(eventId)}/checkins/offline`, {
        deviceId: state.deviceId,
        scans: batch.map(({ scanId, code, scannedAt }) => ({ scanId, code, scannedAt })),
      });
      const results = new Map((answer.data?.results || []).map((result) => [result.scanId, result]));
      const done = batch.filter((scan) => results.has(scan.scanId)).map((scan) => {
        const server = results.get(scan.scanId);
        if (scan.result === 'admitted' && server.result !== 'admitted') {
          state.doubles += 1; // let in here while the server had it otherwise: the server's report lists it
        }
        return { ...scan, uploaded: true, serverResult: server.result };
      });
      await putScans(done);
      if (eventId === state.eventId) {
        const byId = new Map(done.map((scan) => [scan.scanId, scan]));
        state.scans = state.scans.map((scan) => byId.get(scan.scanId) || scan);
      }
    }
  }
}

/** Fetches the door list (a delta once one is stored), checks its signature, merges and keeps it. */
async function refreshList() {
  const eventId = state.eventId;
  const since = state.list ? `?since=${encodeURIComponent(state.list.version)}` : '';
  const answer = await api.get(`/events/${encodeURIComponent(eventId)}/checkin-list${since}`, { accept: [403, 404] });
  if (eventId !== state.eventId) {
    return;
  }
  if (answer.status !== 200) {
    state.listMissing = answer.status === 404 && !state.list;
    return;
  }
  const manifest = await openSignedList(answer.data, eventId, state.list);
  state.list = mergeList(state.list, manifest, new Date().toISOString());
  state.listMissing = false;
  await putList(state.list);
}

async function refreshReport() {
  const eventId = state.eventId;
  try {
    const answer = await api.get(`/events/${encodeURIComponent(eventId)}/checkin-report`, { accept: [403, 404] });
    if (eventId === state.eventId) {
      state.report = answer.status === 200 ? { sold: answer.data.sold, admitted: answer.data.admitted } : null;
      renderCounter();
    }
  } catch (error) {
    // no counter from the server now: the door list's stands
  }
}

// ---- showing -----------------------------------------------------------------------------------------------------

const ICONS = { admitted: '✓', refused: '✕', unchecked: '!' };

/** What an answer shows: its kind (the colour and shape), the word, the seat, the name, the detail. */
function view(answer) {
  const seat = seatText(answer);
  switch (answer.result) {
    case 'admitted':
      return { kind: 'admitted', word: t('door.result.admitted'), seat, name: answer.name || '',
        detail: answer.offline ? t(answer.listed === false ? 'door.detail.offlineUnlisted' : 'door.detail.offline') : '' };
    case 'already-admitted': {
      const device = answer.firstDevice || answer.deviceId;
      const where = device === state.deviceId || !device ? t('door.detail.thisDevice') : device;
      return { kind: 'refused', word: t('door.result.already'), seat, name: answer.name || '',
        detail: answer.admittedAt ? t('door.detail.already', { time: formatTime(answer.admittedAt), device: where })
          : t('door.detail.alreadyNoTime') };
    }
    case 'revoked':
      return { kind: 'refused', word: t('door.result.refused'), seat, detail: t('door.detail.revoked') };
    case 'unknown':
      return { kind: 'refused', word: t('door.result.refused'), detail: t('door.detail.unknown') };
    case 'wrong-event': {
      const other = state.events.find((e) => e.id === answer.ticketEventId);
      return { kind: 'refused', word: t('door.result.wrongEvent'),
        detail: other ? t('door.detail.wrongEventNamed', { event: other.name }) : t('door.detail.wrongEvent') };
    }
    case 'no-network':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.noNetwork') };
    case 'rate-limited':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.rateLimited') };
    case 'changed':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.changed') };
    case 'signed-out':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.signedOut') };
    case 'forbidden':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.forbidden') };
    case 'no-event':
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: t('door.detail.noEvent') };
    default:
      return { kind: 'unchecked', word: t('door.result.unchecked'), detail: answer.message || t('door.detail.error') };
  }
}

function seatText(answer) {
  if (Number.isInteger(answer.row) && Number.isInteger(answer.seat)) {
    return t('door.seat', { row: answer.row, seat: answer.seat });
  }
  if (answer.label) {
    return answer.label;
  }
  return answer.seatId ? t('door.seatId', { id: answer.seatId }) : '';
}

function show(answer) {
  state.answer = answer;
  renderAnswer(true);
  renderRecent();
  renderCounter();
  renderConnection();
}

function renderAnswer(fresh = false) {
  const box = $('#answer');
  if (!state.answer) {
    box.dataset.result = 'none';
    $('#answer-icon').textContent = '…';
    $('#answer-word').textContent = t('door.ready');
    for (const part of ['#answer-seat', '#answer-name', '#answer-detail']) {
      $(part).textContent = '';
    }
    $('#retry').hidden = true;
    return;
  }
  const shown = view(state.answer);
  box.dataset.result = shown.kind;
  box.dataset.answer = state.answer.result;
  $('#answer-icon').textContent = ICONS[shown.kind];
  $('#answer-word').textContent = shown.word;
  $('#answer-seat').textContent = shown.seat || '';
  $('#answer-name').textContent = shown.name || '';
  $('#answer-detail').textContent = shown.detail || '';
  $('#retry').hidden = !state.retry;
  if (fresh) {
    box.classList.remove('fresh');
    void box.offsetWidth; // restart the animation: the same answer twice still looks new
    box.classList.add('fresh');
    // Cleared first, so the same words twice are announced twice
    const sentence = [shown.word, shown.seat, shown.name, shown.detail].filter(Boolean).join('. ');
    $('#announcer').textContent = '';
    requestAnimationFrame(() => {
      $('#announcer').textContent = sentence;
    });
  }
}

function renderCounter() {
  const local = admittedCount(state.list, admittedHere());
  const admitted = Math.max(state.report?.admitted ?? 0, local);
  const sold = state.report?.sold ?? state.list?.sold ?? null;
  const counter = $('#counter');
  counter.textContent = sold === null || sold === undefined ? t('door.counterNoSold', { admitted })
    : t('door.counter', { admitted, sold });
  counter.dataset.admitted = admitted;
  counter.dataset.sold = sold ?? '';
}

function renderConnection() {
  const waiting = state.scans.filter((scan) => !scan.uploaded).length;
  const pill = $('#connection');
  pill.dataset.state = state.online ? 'online' : 'offline';
  pill.dataset.waiting = waiting;
  pill.textContent = [state.online ? t('door.online') : t('door.offline'),
    waiting ? t('door.waiting.scans', { count: waiting }) : ''].filter(Boolean).join(' · ');
  let listText;
  if (state.list) {
    const count = Object.keys(state.list.tickets).length;
    listText = t('door.list.loaded', { count, time: formatTime(state.list.loadedAt) });
  } else {
    listText = state.listMissing ? t('door.list.none') : t('door.list.notYet');
  }
  if (state.doubles) {
    listText += ` · ${t('door.doubles', { count: state.doubles })}`;
  }
  $('#door-list').textContent = listText;
  $('#device').textContent = t('door.device', { device: state.deviceId });
}

function renderRecent() {
  const items = state.scans.slice(-RECENT).reverse().map((scan) => {
    const shown = view(scan);
    return el('li', { dataset: { result: shown.kind } },
      el('span', { class: 'mark', 'aria-hidden': 'true' }, ICONS[shown.kind]),
      el('span', {}, [shown.word, shown.seat, shown.name].filter(Boolean).join(' · ')),
      el('time', { datetime: scan.scannedAt }, formatTime(scan.scannedAt)));
  });
  $('#recent').replaceChildren(...items);
}

function render() {
  applyTexts();
  $('#sign-in').hidden = !!state.session;
  $('#signed-in').hidden = !state.session;
  $('#who').textContent = state.session?.userId || '';
  const select = $('#event-select');
  select.replaceChildren(...state.events.map((e) => el('option', { value: e.id, selected: e.id === state.eventId }, e.name)));
  if (!state.events.length) {
    select.append(el('option', { value: '' }, t('door.noEvents')));
  }
  renderCounter();
  renderConnection();
  renderAnswer();
  renderRecent();
}

// ---- the camera (where the browser has BarcodeDetector for QR codes) ------------------------------------------------

const camera = { stream: null, detector: null, last: { value: null, at: 0 } };

async function setUpCamera() {
  let supported = false;
  if ('BarcodeDetector' in globalThis && navigator.mediaDevices?.getUserMedia) {
    try {
      supported = (await BarcodeDetector.getSupportedFormats()).includes('qr_code');
    } catch {
      supported = false;
    }
  }
  $('#camera').hidden = !supported;
  $('#camera-missing').hidden = supported;
  document.body.dataset.camera = supported ? 'yes' : 'no';
}

async function toggleCamera() {
  const button = $('#camera-toggle');
  const video = $('#camera-view');
  if (camera.stream) {
    camera.stream.getTracks().forEach((track) => track.stop());
    camera.stream = null;
    video.hidden = true;
    button.dataset.t = 'door.camera.start';
    button.textContent = t('door.camera.start');
    return;
  }
  try {
    camera.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    show({ result: 'error', message: t('door.camera.denied') });
    return;
  }
  camera.detector = camera.detector || new BarcodeDetector({ formats: ['qr_code'] });
  video.srcObject = camera.stream;
  video.hidden = false;
  await video.play();
  button.dataset.t = 'door.camera.stop';
  button.textContent = t('door.camera.stop');
  detect();
}

async function detect() {
  if (!camera.stream) {
    return;
  }
  try {
    if (!state.busy) {
      const found = await camera.detector.detect($('#camera-view'));
      const value = found[0]?.rawValue;
      const now = Date.now();
      if (value && (value !== camera.last.value || now - camera.last.at > SAME_CODE_MS)) {
        camera.last = { value, at: now };
        await check(value);
      }
    }
  } catch {
    // a frame the detector could not read: the next one
  }
  setTimeout(detect, 150);
}

// ---- start -------------------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', signIn);
$('#sign-out').addEventListener('click', signOut);
$('#lang').addEventListener('change', (event) => setLang(event.target.value));
document.addEventListener('langchange', render);
$('#event-select').addEventListener('change', (event) => chooseEvent(event.target.value || null));
$('#manual').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('#code');
  await check(input.value);
  input.value = '';
  input.focus();
});
$('#retry').addEventListener('click', () => state.retry && check(null, state.retry));
$('#sync').addEventListener('click', () => sync());
$('#camera-toggle').addEventListener('click', toggleCamera);
addEventListener('online', () => sync());
addEventListener('offline', () => {
  state.online = false;
  renderConnection();
});
setInterval(() => sync(), SYNC_MS);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/web/door-sw.js', { scope: '/web/door' }).catch((error) => console.warn(error));
}

render();
await setUpCamera();
await loadEvents();
document.body.dataset.ready = 'true';
