// The seat-map page: the events and the live map for everyone; signed in, hold seats, release or pay, see your
// tickets. Everything goes through the public HTTP API (API.md); nothing here decides what a seat's status is.
//
// Sign-in lives in localStorage (key `ticketing.session`), so every tab of the page shares it: the tab a payment
// provider sends the buyer back to (`/?payment=<id>&result=approved|cancelled`) is signed in, shows the result and
// the tickets. Signing out in one tab signs out the others.

import { Api, ApiError } from './api.js';
import { SeatMap } from './seatmap.js';
import { HoldView } from './hold.js';
import { renderTickets } from './tickets.js';
import {
  $, el, bySeat, clockTime, isWebUrl, money, nameSeatsIn, names, newKey, seatName, shared, sleep, store, sumDecimals, when,
} from './util.js';

const MAX_SEATS = 10;          // the API's default MAX_SEATS_PER_HOLD; the server has the last word (422)
const POLL_MS = 1000;          // the seat map is promised fresh within a second; most polls answer 304
const PAYMENT_POLL_MS = 1000;
const HOLDS_SYNC_MS = 2000;    // at most this often, a changed map makes the page ask for the user's holds again
const SESSION_KEY = 'ticketing.session';
const RETURN_KEY = 'ticketing.return';
const PHONE = window.matchMedia('(max-width: 48rem)');   // the docked-bar layout of app.css

const state = {
  session: shared.get(SESSION_KEY),  // {token, userId, admin}
  events: [],
  eventId: null,
  etag: null,
  mapSeq: 0,
  mapShown: 0,
  selected: new Set(),
  hold: null,
  payment: null,
  watching: null,           // the payment id being followed
  ended: null,              // "<paymentId>:<status>" of the last payment end shown
  returnedFor: null,        // the payment the provider sent this tab back for, until its end is shown
  payKey: null,
  providers: null,          // null: the server takes no payments (yet), so Pay is not offered
  providersLoaded: Promise.resolve(),
  tickets: [],
  busy: false,
  skew: 0,                  // server time minus browser time, when they differ noticeably
  polling: 0,               // bumped to stop the running poll loop
  holdsSyncedAt: 0,
};

const api = new Api({
  token: () => state.session?.token,
  onUnauthorized: () => signOut('Your session has ended: sign in again.'),
});

const seatMap = new SeatMap($('#map-frame'), {
  onToggle: toggleSeat,
  onBlocked: seatBlocked,
  onZoom: renderZoom,
  reservedBelow: () => (PHONE.matches ? Math.max(150, $('#dock').offsetHeight) + 8 : 16),
});

const holdView = new HoldView($('#hold-panel'), {
  onRelease: release,
  onPay: pay,
  onCancelPayment: cancelPayment,
  onClose: () => { forgetHold(); renderPanels(); seatMap.focus(); },
  onExpire: holdExpired,
  now: () => Date.now() + state.skew,
});

// ---- messages: in the dock, which a phone keeps in view at the bottom ----------------------------------------------

/** An error the user should read; stays until dismissed or replaced. Seat ids are named "Row R seat S". */
function showError(message) {
  $('#alert-text').textContent = nameSeatsIn(message);
  $('#alert').hidden = false;
}

function clearError() {
  $('#alert').hidden = true;
  $('#alert-text').textContent = '';
}

/** The current state of things, politely announced; replaces the previous one. */
function say(message) {
  $('#status').textContent = nameSeatsIn(message);
}

function report(error) {
  if (error instanceof ApiError) {
    const taken = error.problem?.unavailableSeats;
    if (error.status === 409 && Array.isArray(taken) && taken.length) {
      showError(`${names(taken)} ${taken.length > 1 ? 'were' : 'was'} just taken by someone else: pick other seats.`);
    } else {
      showError(error.message);
    }
  } else {
    console.error(error);
    showError('Something went wrong in the page. Reload it and try again.');
  }
}

$('#alert-close').addEventListener('click', clearError);

// ---- signing in ------------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const input = $('#user-name');
  const userId = input.value.trim();
  if (!/^[A-Za-z0-9_.@+-]{1,128}$/.test(userId)) {
    showError('Your name: 1 to 128 letters, digits or _ . @ + -');
    input.focus();
    return;
  }
  const admin = $('#admin').checked;
  try {
    const answer = await api.post('/dev/token', { userId, admin });
    state.session = { token: answer.data.token, userId, admin };
    shared.set(SESSION_KEY, state.session);
    await enter({ focus: true });
  } catch (error) {
    report(error);
  }
});

$('#sign-out').addEventListener('click', () => signOut('Signed out.'));
$('#guest-sign-in').addEventListener('click', () => {
  $('#user-name').scrollIntoView({ block: 'nearest' });
  $('#user-name').focus();
});

// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== SESSION_KEY && event.key !== null) {
    return;
  }
  const session = shared.get(SESSION_KEY);
  if (!session?.token) {
    if (state.session) {
      signOut('Signed out in another tab.', { everywhere: false });
    }
  } else if (session.token !== state.session?.token) {
    state.session = session;
    enter({ focus: false });
  }
});

function signOut(message, { everywhere = true } = {}) {
  const wasSignedIn = !!state.session;
  state.session = null;
  if (everywhere) {
    shared.set(SESSION_KEY, null);
  }
  state.providers = null;
  state.tickets = [];
  state.selected.clear();
  forgetHold();
  seatMap.setYours([]);
  renderSession();
  renderSelection();
  $('#tickets').hidden = true;
  $('#tickets-button').setAttribute('aria-expanded', 'false');
  clearError();
  if (wasSignedIn) {
    say(message);
  }
  $('#user-name').focus();
}

function renderSession() {
  const signedIn = !!state.session;
  $('#who').textContent = signedIn ? state.session.userId : '';
  $('#admin-badge').hidden = !state.session?.admin;
  $('#new-event').hidden = !state.session?.admin;
  $('#sign-in').hidden = signedIn;
  $('#signed-in').hidden = !signedIn;
  document.body.classList.toggle('guest', !signedIn);
  seatMap.readOnly = !signedIn;
  renderPanels();
}

/** Signed in here or in another tab: payments, what this user has on this event, a payment the provider sent back. */
async function enter({ focus }) {
  renderSession();
  state.providersLoaded = loadProviders();
  const returning = store.get(RETURN_KEY);
  if (returning) {
    await handleReturn(returning);
    return;
  }
  if (state.eventId) {
    await Promise.all([syncHolds(true), loadTickets({ quiet: true })]);
  }
  if (focus && !seatMap.focus()) {
    $('#event-select').focus();
  }
}

// ---- events ----------------------------------------------------------------------------------------------------

async function loadEvents(preferred) {
  try {
    const answer = await api.get('/events');
    state.events = answer.data?.events || [];
  } catch (error) {
    report(error);
    return;
  }
  const select = $('#event-select');
  if (state.events.length === 0) {
    select.replaceChildren(el('option', { value: '' }, 'No events yet'));
    select.disabled = true;
    await showEvent(null);
    return;
  }
  select.disabled = false;
  select.replaceChildren(...state.events.map((event) =>
    el('option', { value: event.id }, `${event.name} · ${when(event.date)}`)));
  const id = state.events.some((event) => event.id === preferred) ? preferred
    : state.events.some((event) => event.id === state.eventId) ? state.eventId : state.events[0].id;
  select.value = id;
  if (id !== state.eventId) {
    await showEvent(id);
  }
}

$('#event-select').addEventListener('change', (event) => showEvent(event.target.value));
$('#events-refresh').addEventListener('click', () => loadEvents(state.eventId));

async function showEvent(eventId) {
  stopPolling();
  clearError();
  state.eventId = eventId || null;
  state.etag = null;
  state.selected.clear();
  forgetHold();
  seatMap.clear();
  renderSelection();
  $('#price-legend').replaceChildren();
  const event = state.events.find((candidate) => candidate.id === eventId);
  $('#event-name').textContent = event ? event.name : 'No event';
  $('#event-when').textContent = event ? `${when(event.date)} · ${event.rows} rows of ${event.columns} seats` : '';
  if ($('#event-select').value !== (eventId || '')) {
    $('#event-select').value = eventId || '';
  }
  if (!event) {
    return;
  }
  store.set('ticketing.event', eventId);
  if (new URLSearchParams(location.search).get('event') !== eventId) {
    history.replaceState(null, '', `${location.pathname}?event=${encodeURIComponent(eventId)}`);   // a link to this map
  }
  await refreshMap();
  if (state.session) {
    await Promise.all([syncHolds(true), loadTickets({ quiet: true })]);
  }
  startPolling();
}

// ---- the live seat map -----------------------------------------------------------------------------------------

function startPolling() {
  const run = ++state.polling;
  (async () => {
    while (run === state.polling) {
      await sleep(POLL_MS);
      if (!document.hidden && run === state.polling) {
        await refreshMap();
      }
    }
  })();
}

function stopPolling() {
  state.polling++;
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.eventId) {
    refreshMap();
    syncHolds(true);
  }
});

/** Reads the compact map with If-None-Match; a 304 changes nothing. Answers arriving out of order are dropped. */
async function refreshMap() {
  const eventId = state.eventId;
  if (!eventId) {
    return;
  }
  const seq = ++state.mapSeq;
  try {
    const answer = await api.get(`/events/${encodeURIComponent(eventId)}/seats?format=compact`,
      { headers: state.etag ? { 'If-None-Match': state.etag } : {} });
    if (eventId !== state.eventId || seq < state.mapShown) {
      return;
    }
    state.mapShown = seq;
    if (answer.status === 200 && answer.data?.rows) {
      const first = !seatMap.shown;
      state.etag = answer.headers.get('ETag');
      seatMap.update(answer.data);
      if (first) {
        renderPriceLegend();
        renderZoom(false);
      }
      seatMap.setMine(heldSeatIds());
      dropTakenSeats();
      if (!first) {
        syncHolds(false);
      }
    }
    $('#live').textContent = `Live · ${new Date().toLocaleTimeString()}`;
    $('#live').classList.remove('offline');
  } catch (error) {
    if (eventId === state.eventId) {
      $('#live').textContent = error.status === 0 ? 'Offline · retrying' : `Not updated: ${error.message}`;
      $('#live').classList.add('offline');
      if (error.status === 404) {
        showError(error.message);
        stopPolling();
      }
    }
  }
}

function renderPriceLegend() {
  const currency = seatMap.currency;
  $('#price-legend').replaceChildren(...seatMap.priceRanges().map((range, i) => el('li', {},
    el('span', { class: `swatch tier-swatch tier-${i % 5}`, 'aria-hidden': 'true' }),
    `${range.from === range.to ? `Row ${range.from}` : `Rows ${range.from}–${range.to}`} · ${money(range.price, currency)}`)));
}

function renderZoom(zoomed) {
  $('#zoom-out').disabled = !zoomed;
  $('#zoom-fit').disabled = !zoomed;
}

$('#zoom-in').addEventListener('click', () => seatMap.zoomBy(1.6));
$('#zoom-out').addEventListener('click', () => seatMap.zoomBy(1 / 1.6));
$('#zoom-fit').addEventListener('click', () => seatMap.fit());

function heldSeatIds() {
  return state.hold?.status === 'ACTIVE' ? state.hold.seats.map((seat) => seat.id) : [];
}

/** Selected seats that someone else took meanwhile leave the selection, and the user is told where they look. */
function dropTakenSeats() {
  const taken = [...state.selected].filter((id) => seatMap.status(id) !== 'A');
  if (taken.length === 0) {
    return;
  }
  taken.forEach((id) => state.selected.delete(id));
  renderSelection();
  seatMap.flash(taken);
  showError(`${names(taken)} ${taken.length > 1 ? 'were' : 'was'} just taken by someone else and left your selection.`);
}

// ---- choosing seats --------------------------------------------------------------------------------------------

function toggleSeat(seatId) {
  if (!state.session) {
    seatBlocked(seatId, 'available');
    return;
  }
  if (activeHold()) {
    say('You already hold seats for this event: pay for them or release them first.');
    return;
  }
  clearError();
  if (state.selected.has(seatId)) {
    state.selected.delete(seatId);
    say(`${seatName(seatId)} left your selection.`);
  } else if (state.selected.size >= MAX_SEATS) {
    showError(`You can hold at most ${MAX_SEATS} seats at once.`);
    return;
  } else {
    state.selected.add(seatId);
    say(`${seatName(seatId)} selected.`);
  }
  renderSelection();
}

function seatBlocked(seatId, seatState) {
  if (!state.session) {
    say(`${seatName(seatId)}, ${seatMap.priceOf(seatId)} ${seatMap.currency}: sign in to hold seats.`);
  } else if (seatState === 'mine') {
    say(`${seatName(seatId)} is in your hold.`);
  } else if (seatState === 'yours') {
    say(`${seatName(seatId)} is yours: you bought it.`);
  } else {
    say(`${seatName(seatId)} is ${seatState}.`);
  }
}

function activeHold() {
  return state.hold?.status === 'ACTIVE' ? state.hold : null;
}

function renderSelection() {
  const ids = [...state.selected].sort(bySeat);
  seatMap.setSelected(ids);
  const summary = $('#selection-summary');
  const total = $('#selection-total');
  if (ids.length === 0) {
    summary.textContent = 'No seats selected: pick seats on the map.';
    total.textContent = '';
  } else {
    summary.textContent = `${ids.length} seat${ids.length > 1 ? 's' : ''}: ${ids.map(seatName).join(', ')}`;
    total.textContent = money(sumDecimals(ids.map((id) => seatMap.priceOf(id) ?? '0')), seatMap.currency);
  }
  $('#hold-selected').textContent = ids.length === 0 ? 'Hold selected' : `Hold ${ids.length} seat${ids.length > 1 ? 's' : ''}`;
  renderActions();
}

function renderActions() {
  const noEvent = !state.eventId;
  $('#hold-selected').disabled = state.busy || noEvent || state.selected.size === 0;
  $('#clear-selection').disabled = state.busy || state.selected.size === 0;
  $('#hold-together').disabled = state.busy || noEvent;
  if (state.hold) {
    holdView.show(state.hold, { providers: state.providers, payment: state.payment, busy: state.busy });
  }
}

/** Which panels the dock shows: sign-in invitation, the selection, the hold. */
function renderPanels() {
  const signedIn = !!state.session;
  $('#guest-panel').hidden = signedIn;
  $('#selection-panel').hidden = !signedIn || !!state.hold;
  $('#dock').classList.toggle('has-hold', !!state.hold);
  if (!state.hold) {
    holdView.hide();
  }
}

function setBusy(busy) {
  state.busy = busy;
  document.body.classList.toggle('busy', busy);
  renderActions();
}

$('#clear-selection').addEventListener('click', () => {
  state.selected.clear();
  renderSelection();
  say('Selection cleared.');
});

const togetherCount = $('#together-count');
togetherCount.addEventListener('input', () => {
  const n = Number(togetherCount.value);
  $('#hold-together').textContent = Number.isInteger(n) && n > 0 ? `${n} together` : 'Together';
});

// ---- holds -----------------------------------------------------------------------------------------------------

$('#hold-selected').addEventListener('click', () => {
  const seats = [...state.selected].sort(bySeat);
  if (seats.length > 0) {
    placeHold({ seats });
  }
});

$('#together-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const quantity = Number(togetherCount.value);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SEATS) {
    showError(`Choose between 1 and ${MAX_SEATS} seats side by side.`);
    togetherCount.focus();
    return;
  }
  placeHold({ quantity, together: true });
});

async function placeHold(request) {
  clearError();
  const eventId = state.eventId;
  setBusy(true);
  try {
    const answer = await api.post(`/events/${encodeURIComponent(eventId)}/holds`, request,
      { headers: { 'Idempotency-Key': newKey() } });
    if (eventId !== state.eventId) {
      return;
    }
    noteSkew(answer.headers);
    state.selected.clear();
    state.payment = null;
    state.payKey = null;
    showHold(answer.data);
    renderSelection();
    const hold = answer.data;
    say(`Held ${names(hold.seats.map((seat) => seat.id))} for ${money(hold.amount, hold.currency)} until ${clockTime(hold.expiresAt)}.`);
  } catch (error) {
    await holdRefused(error);
  } finally {
    setBusy(false);
    refreshMap();
  }
  if (activeHold()) {
    holdView.focusTarget().focus();   // the next step, rather than the page's top
  }
}

async function holdRefused(error) {
  report(error);
  const problem = error.problem || {};
  if (error.status === 409 && Array.isArray(problem.unavailableSeats)) {
    problem.unavailableSeats.forEach((id) => state.selected.delete(id));
    renderSelection();
    seatMap.flash(problem.unavailableSeats);
  } else if (error.status === 409 && Array.isArray(problem.activeHoldIds) && problem.activeHoldIds.length > 0) {
    // The user already has an open hold here (made in another tab): show it.
    await syncHolds(true);
  }
}

function showHold(hold) {
  state.hold = hold;
  seatMap.setMine(heldSeatIds());
  holdView.show(hold, { providers: state.providers, payment: state.payment, busy: state.busy });
  renderPanels();
}

function forgetHold() {
  state.hold = null;
  state.payment = null;
  state.watching = null;
  state.payKey = null;
  seatMap.setMine([]);
  holdView.hide();
  renderPanels();
}

/**
 * Shows the user's open hold for this event wherever it was made (another tab, before a reload), or notices that
 * the one shown has ended elsewhere. `force` asks now; otherwise at most every HOLDS_SYNC_MS (the map changed).
 */
async function syncHolds(force) {
  const eventId = state.eventId;
  if (!state.session || !eventId || (!force && Date.now() - state.holdsSyncedAt < HOLDS_SYNC_MS)) {
    return;
  }
  state.holdsSyncedAt = Date.now();
  let holds;
  try {
    const answer = await api.get(`/me/holds?eventId=${encodeURIComponent(eventId)}`, { accept: [404] });
    if (answer.status === 404 || eventId !== state.eventId || !state.session) {
      return;
    }
    noteSkew(answer.headers);
    holds = answer.data?.holds || [];
  } catch {
    return;   // the next change of the map asks again
  }
  const open = holds[0];
  if (open) {
    if (state.hold?.id !== open.id || state.hold.status !== 'ACTIVE') {
      state.payment = open.paymentId ? { id: open.paymentId, status: 'PENDING' } : null;
      state.payKey = null;
      state.selected.clear();
      renderSelection();
      showHold(open);
      if (force === true && !state.watching) {
        say(`You hold ${names(open.seats.map((seat) => seat.id))} until ${clockTime(open.expiresAt)}.`);
      }
    }
    if (open.paymentId && state.watching !== open.paymentId) {
      state.payment = state.payment?.id === open.paymentId ? state.payment : { id: open.paymentId, status: 'PENDING' };
      watchPayment(open.paymentId);
    }
  } else if (activeHold() && !state.watching) {
    // ended elsewhere: released, paid or expired; the hold itself says which
    await loadHold(state.hold.id);
  }
}

async function loadHold(holdId) {
  const eventId = state.eventId;
  try {
    const answer = await api.get(`/holds/${encodeURIComponent(holdId)}`, { accept: [404] });
    if (eventId !== state.eventId) {
      return null;
    }
    if (answer.status === 404 || answer.data?.eventId !== eventId) {
      forgetHold();
      return null;
    }
    noteSkew(answer.headers);
    if (answer.data.status === 'RELEASED') {
      forgetHold();
      say('Your hold was released.');
    } else {
      showHold(answer.data);
    }
    return answer.data;
  } catch (error) {
    report(error);
    return null;
  }
}

async function release() {
  const hold = state.hold;
  if (!hold) {
    return;
  }
  clearError();
  setBusy(true);
  try {
    await api.delete(`/holds/${encodeURIComponent(hold.id)}`);
    forgetHold();
    say(`Released ${names(hold.seats.map((seat) => seat.id))}: the seats are available again.`);
    seatMap.focus();
  } catch (error) {
    report(error);
    if (error.status === 404 || error.status === 409) {
      await loadHold(hold.id);
    }
  } finally {
    setBusy(false);
    refreshMap();
  }
}

async function holdExpired() {
  const hold = state.hold;
  if (!hold) {
    return;
  }
  showHold({ ...hold, status: 'EXPIRED' });
  say('Your hold has expired: its seats are available to everyone again.');
  refreshMap();
  // The server decides: a payment captured in the last second makes it PAID.
  try {
    const answer = await api.get(`/holds/${encodeURIComponent(hold.id)}`, { accept: [404] });
    if (answer.status === 200 && state.hold?.id === hold.id) {
      showHold(answer.data);
    }
  } catch {
    // the expired panel stays; nothing else depends on it
  }
}

/** Keeps the countdown honest when the browser's clock is off (the API's Date header has whole seconds). */
function noteSkew(headers) {
  const date = Date.parse(headers.get('Date') || '');
  if (!Number.isNaN(date)) {
    const skew = date - Date.now();
    state.skew = Math.abs(skew) > 2000 ? skew : 0;
  }
}

// ---- payments --------------------------------------------------------------------------------------------------

/** Pay is offered only when the server lists providers; a 404 means it takes no payments (yet). */
async function loadProviders() {
  try {
    const answer = await api.get('/payment-providers', { accept: [404, 405, 501] });
    state.providers = answer.status === 200 && Array.isArray(answer.data?.providers) && answer.data.providers.length > 0
      ? answer.data.providers : null;
  } catch {
    state.providers = null;
  }
  renderActions();
}

function providerName(id) {
  return state.providers?.find((provider) => provider.id === id)?.name || (id === 'PAYPAL' ? 'PayPal' : 'payment provider');
}

async function pay(provider) {
  const hold = activeHold();
  if (!hold) {
    return;
  }
  clearError();
  // Opened now, while the click still counts as the user's: a window opened after the request would be blocked.
  const tab = window.open('', '_blank');
  state.payKey ||= newKey();
  setBusy(true);
  try {
    const answer = await api.post(`/holds/${encodeURIComponent(hold.id)}/payments`, { provider },
      { headers: { 'Idempotency-Key': state.payKey } });
    startPayment(answer.data, tab);
  } catch (error) {
    tab?.close();
    const problem = error.problem || {};
    const inFlight = problem.paymentId || problem.payment?.id;
    if (error.status === 409 && inFlight) {
      say('A payment for this hold is already under way.');
      startPayment(problem.payment?.id ? problem.payment : { id: inFlight, status: 'PENDING' }, null);
    } else {
      report(error);
    }
  } finally {
    setBusy(false);
  }
}

function startPayment(payment, tab) {
  state.payment = { ...payment, providerName: providerName(payment.provider) };
  showHold(state.hold);
  if (!$('#approval-link').hidden) {
    $('#approval-link').focus();   // Pay is gone; the way back to the provider's page is the next thing to reach
  }
  if (tab && isWebUrl(payment.approvalUrl || '')) {
    tab.opener = null;
    tab.location.replace(payment.approvalUrl);
    say(`The ${state.payment.providerName} page opened in a new tab: approve the payment there. This page shows the result.`);
  } else if (isWebUrl(payment.approvalUrl || '')) {
    say(`Open the ${state.payment.providerName} page to approve the payment. This page shows the result.`);
  }
  watchPayment(payment.id);
}

async function cancelPayment() {
  const payment = state.payment;
  if (!payment || payment.status !== 'PENDING') {
    return;
  }
  setBusy(true);
  try {
    const answer = await api.post(`/payments/${encodeURIComponent(payment.id)}/cancel`, {}, { accept: [409] });
    if (answer.status === 200 && state.payment?.id === payment.id) {
      await paymentEnded({ ...state.payment, ...answer.data }, { cancelledHere: true });
    }
  } catch (error) {
    report(error);
  } finally {
    setBusy(false);
  }
}

/** Follows a payment to SUCCESS or FAILED; one follower per payment. */
async function watchPayment(paymentId) {
  if (state.watching === paymentId) {
    return;
  }
  state.watching = paymentId;
  let first = true;
  while (state.watching === paymentId && state.payment?.id === paymentId && state.payment.status === 'PENDING') {
    if (!first) {
      await sleep(PAYMENT_POLL_MS);
    }
    first = false;
    if (state.watching !== paymentId || state.payment?.id !== paymentId) {
      return;
    }
    try {
      const answer = await api.get(`/payments/${encodeURIComponent(paymentId)}`);
      if (state.payment?.id !== paymentId) {
        return;
      }
      state.payment = { ...state.payment, ...answer.data, providerName: providerName(answer.data.provider) };
    } catch (error) {
      if (error.status === 404 || error.status === 403) {
        state.payment = null;
        report(error);
      }
      continue;
    }
    if (state.payment.status === 'PENDING') {
      showHold(state.hold);
    } else {
      await paymentEnded(state.payment);
    }
  }
  if (state.watching === paymentId) {
    state.watching = null;
  }
}

async function paymentEnded(payment, { cancelledHere = false } = {}) {
  const outcome = `${payment.id}:${payment.status}`;
  const returned = state.returnedFor === payment.id;
  if (state.ended === outcome && !returned) {
    return;   // already shown (two followers saw the same end)
  }
  state.ended = outcome;
  state.payment = payment;
  state.watching = null;
  if (payment.status === 'SUCCESS') {
    clearError();
    const hold = state.hold;
    const seats = hold ? names(hold.seats.map((seat) => seat.id)) : 'your seats';
    say(`Paid ${money(payment.amount, payment.currency)} for ${seats}. Your tickets are in My tickets.`);
    if (hold) {
      showHold({ ...hold, status: 'PAID' });
    }
    refreshMap();
    if (returned) {
      state.returnedFor = null;
      openTickets(payment.holdId);   // the page the provider sent back shows what was bought, and reads it out
    } else {
      await loadTickets({ quiet: $('#tickets').hidden, highlight: payment.holdId });
    }
    return;
  }
  state.payKey = null;
  const hold = activeHold();
  if (payment.failureCode === 'CANCELLED') {
    clearError();
    const what = cancelledHere ? 'Payment cancelled.'
      : `You cancelled the payment at ${payment.providerName || providerName(payment.provider)}.`;
    say(hold ? `${what} Your seats are still held until ${clockTime(hold.expiresAt)}: pay again or release them.` : what);
  } else {
    say('');
    showError(`The payment failed${payment.failureReason ? `: ${payment.failureReason}` : '.'}`);
  }
  if (state.hold) {
    showHold(state.hold);
  }
  if (hold) {
    await loadHold(hold.id);
  }
  if (returned) {
    state.returnedFor = null;
    holdView.focusTarget().focus();
  }
}

/**
 * The provider sent the buyer back here, usually in the tab it opened: `?payment=<id>&result=approved|cancelled`.
 * The address is cleaned at once (a reload must not do it again); signed out, it waits for the sign-in.
 */
async function handleReturn({ paymentId, result }) {
  if (!state.session) {
    say('Sign in as the buyer to see how your payment went.');
    return;
  }
  store.set(RETURN_KEY, null);
  await state.providersLoaded;
  let payment;
  try {
    payment = (await api.get(`/payments/${encodeURIComponent(paymentId)}`)).data;
  } catch (error) {
    report(error);
    return;
  }
  if (payment.eventId && payment.eventId !== state.eventId && state.events.some((event) => event.id === payment.eventId)) {
    $('#event-select').value = payment.eventId;
    await showEvent(payment.eventId);
  }
  const name = providerName(payment.provider);
  state.returnedFor = payment.id;
  state.payment = { ...payment, providerName: name };
  const hold = await loadHold(payment.holdId);
  if (!hold) {
    state.returnedFor = null;
    showError('The hold of this payment is no longer there.');
    return;
  }
  if (state.payment.status === 'PENDING' && result === 'cancelled') {
    // tell the server at once (it would notice on the next read anyway); 409: approved after all, so follow it
    try {
      const answer = await api.post(`/payments/${encodeURIComponent(payment.id)}/cancel`, {}, { accept: [409] });
      if (answer.status === 200) {
        state.payment = { ...state.payment, ...answer.data };
      }
    } catch (error) {
      report(error);
    }
  }
  if (state.payment.status === 'PENDING') {
    say(result === 'approved' ? `You approved the payment at ${name}; confirming it…` : `Waiting for ${name}…`);
    showHold(state.hold);
    watchPayment(payment.id);   // its end (paymentEnded) shows the tickets or the hold again
  } else {
    await paymentEnded(state.payment);
  }
}

// ---- my tickets ------------------------------------------------------------------------------------------------

$('#tickets-button').addEventListener('click', () => {
  if ($('#tickets').hidden) {
    openTickets(null);
  } else {
    closeTickets();
  }
});
$('#tickets-close').addEventListener('click', closeTickets);

function openTickets(highlight) {
  const section = $('#tickets');
  section.hidden = false;
  $('#tickets-button').setAttribute('aria-expanded', 'true');
  loadTickets({ quiet: false, highlight });
  $('#tickets-title').focus();
  section.scrollIntoView({ block: 'start' });
}

function closeTickets() {
  $('#tickets').hidden = true;
  $('#tickets-button').setAttribute('aria-expanded', 'false');
  $('#tickets-button').focus();
}

/** Reads the user's tickets: marks their sold seats on the map, and fills My tickets when it is open. */
async function loadTickets({ quiet, highlight = null }) {
  const body = $('#tickets-body');
  if (!quiet && !body.firstChild) {
    body.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  }
  try {
    const answer = await api.get('/me/tickets', { accept: [404] });
    if (answer.status === 404) {
      body.replaceChildren(el('p', { class: 'muted' }, 'This server does not list tickets yet.'));
      return;
    }
    state.tickets = answer.data?.tickets || [];
    seatMap.setYours(state.tickets.filter((ticket) => ticket.status === 'PAID' && ticket.eventId === state.eventId)
      .map((ticket) => ticket.seatId));
    if (!$('#tickets').hidden) {
      renderTickets(body, state.tickets, { events: state.events, highlight });
    }
  } catch (error) {
    if (!quiet) {
      body.replaceChildren();
      report(error);
    }
  }
}

// ---- new event (admins) ----------------------------------------------------------------------------------------

$('#new-event-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const form = event.target;
  if (!form.reportValidity()) {
    return;
  }
  const data = new FormData(form);
  const rows = Number(data.get('rows'));
  const frontRows = Math.min(rows, Number(data.get('frontRows')) || 0);
  const prices = [];
  if (frontRows > 0) {
    prices.push({ fromRow: 1, toRow: frontRows, price: data.get('frontPrice') });
  }
  if (frontRows < rows) {
    prices.push({ fromRow: frontRows + 1, toRow: rows, price: data.get('price') });
  }
  const date = new Date(data.get('date'));
  try {
    const answer = await api.post('/events', {
      name: data.get('name'),
      date: Number.isNaN(date.getTime()) ? data.get('date') : date.toISOString(),
      rows,
      columns: Number(data.get('columns')),
      currency: data.get('currency'),
      prices,
    });
    $('#new-event').open = false;
    say(`Created ${answer.data.name}.`);
    await loadEvents(answer.data.id);
  } catch (error) {
    report(error);
  }
});

// A sensible default date: a week from now at 20:00, local time.
(() => {
  const date = new Date(Date.now() + 7 * 86_400_000);
  date.setHours(20, 0, 0, 0);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  $('#new-event-form').elements.date.value = local;
})();

// ---- the docked bar's height, so the page can scroll everything out from under it --------------------------------

new ResizeObserver(() => {
  document.documentElement.style.setProperty('--dock-height', `${$('#dock').offsetHeight}px`);
}).observe($('#dock'));

// ---- start -----------------------------------------------------------------------------------------------------

(async () => {
  const params = new URLSearchParams(location.search);
  if (params.has('payment')) {
    state.returnedFor = params.get('payment');
    store.set(RETURN_KEY, { paymentId: params.get('payment'), result: params.get('result') || '' });
    history.replaceState(null, '', location.pathname);
  }
  renderSession();
  renderSelection();
  if (state.session?.token) {
    state.providersLoaded = loadProviders();
  }
  await loadEvents(params.get('event') || store.get('ticketing.event'));
  if (store.get(RETURN_KEY)) {
    if (state.session?.token) {
      await handleReturn(store.get(RETURN_KEY));
    } else {
      say('Sign in as the buyer to see how your payment went.');
      $('#user-name').focus();
    }
  }
  document.body.dataset.ready = 'true';
})();
