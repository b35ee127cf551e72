// The seat-map page: sign in, pick an event, watch its seats live, hold some, release or pay, see your tickets.
// Everything goes through the public HTTP API (API.md); nothing here decides what a seat's status is.

import { Api, ApiError } from './api.js';
import { SeatMap } from './seatmap.js';
import { HoldView } from './hold.js';
import { $, el, bySeat, isWebUrl, money, newKey, seatName, sleep, store, sumDecimals } from './util.js';

const MAX_SEATS = 10;          // the API's default MAX_SEATS_PER_HOLD; the server has the last word (422)
const POLL_MS = 1000;          // the seat map is promised fresh within a second; most polls answer 304
const PAYMENT_POLL_MS = 1500;

const state = {
  session: store.get('ticketing.session'),  // {token, userId, admin}
  events: [],
  eventId: null,
  etag: null,
  mapSeq: 0,
  mapShown: 0,
  selected: new Set(),
  hold: null,
  payment: null,
  payKey: null,
  providers: null,          // null: the server takes no payments (yet), so Pay is not offered
  busy: false,
  skew: 0,                  // server time minus browser time, when they differ noticeably
  polling: 0,               // bumped to stop the running poll loop
};

const api = new Api({
  token: () => state.session?.token,
  onUnauthorized: () => signOut('Your session has ended: sign in again.'),
});

const seatMap = new SeatMap($('#seat-map'), {
  onToggle: toggleSeat,
  onBlocked: (seatId, seatState) => say(seatState === 'mine'
    ? `${seatName(seatId)} is already in your hold.`
    : `${seatName(seatId)} is ${seatState}.`),
});

const holdView = new HoldView($('#hold-panel'), {
  onRelease: release,
  onPay: pay,
  onClose: () => forgetHold(),
  onExpire: holdExpired,
  now: () => Date.now() + state.skew,
});

// ---- messages ------------------------------------------------------------------------------------------------

/** An error the user should read (a problem's detail); stays until dismissed or replaced. */
function showError(message) {
  $('#alert-text').textContent = message;
  $('#alert').hidden = false;
}

function clearError() {
  $('#alert').hidden = true;
  $('#alert-text').textContent = '';
}

/** A short polite status line for screen readers and everyone. */
function say(message) {
  $('#status').textContent = message;
}

function report(error) {
  if (error instanceof ApiError) {
    showError(error.message);
  } else {
    console.error(error);
    showError('Something went wrong in the page. Reload it and try again.');
  }
}

$('#alert-close').addEventListener('click', clearError);

// ---- signing in ----------------------------------------------------------------------------------------------

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
    store.set('ticketing.session', state.session);
    await enter();
  } catch (error) {
    report(error);
  }
});

$('#sign-out').addEventListener('click', () => signOut('Signed out.'));

function signOut(message) {
  const wasSignedIn = !!state.session;
  state.session = null;
  store.set('ticketing.session', null);
  stopPolling();
  state.eventId = null;
  state.hold = null;
  state.payment = null;
  state.selected.clear();
  seatMap.clear();
  holdView.hide();
  $('#main').hidden = true;
  $('#signed-in').hidden = true;
  $('#sign-in').hidden = false;
  $('#tickets').hidden = true;
  $('#tickets-button').setAttribute('aria-expanded', 'false');
  if (wasSignedIn) {
    say(message);
  }
  $('#user-name').focus();
}

async function enter() {
  const { userId, admin } = state.session;
  $('#who').textContent = userId;
  $('#admin-badge').hidden = !admin;
  $('#new-event').hidden = !admin;
  $('#sign-in').hidden = true;
  $('#signed-in').hidden = false;
  $('#main').hidden = false;
  say(`Signed in as ${userId}.`);
  loadProviders();
  await loadEvents(store.get('ticketing.event'));
}

// ---- events --------------------------------------------------------------------------------------------------

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
    showEvent(null);
    return;
  }
  select.disabled = false;
  select.replaceChildren(...state.events.map((event) =>
    el('option', { value: event.id }, `${event.name} · ${when(event.date)}`)));
  const id = state.events.some((event) => event.id === preferred) ? preferred : state.events[0].id;
  select.value = id;
  if (id !== state.eventId) {
    await showEvent(id);
  }
}

function when(date) {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? String(date)
    : parsed.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

$('#event-select').addEventListener('change', (event) => showEvent(event.target.value));
$('#events-refresh').addEventListener('click', () => loadEvents(state.eventId));

async function showEvent(eventId) {
  stopPolling();
  clearError();
  state.eventId = eventId || null;
  state.etag = null;
  state.selected.clear();
  state.hold = null;
  state.payment = null;
  state.payKey = null;
  seatMap.clear();
  holdView.hide();
  renderSelection();
  const event = state.events.find((candidate) => candidate.id === eventId);
  $('#event-name').textContent = event ? event.name : 'No event';
  $('#event-when').textContent = event ? `${when(event.date)} · ${event.rows} rows of ${event.columns} seats` : '';
  if (!event) {
    return;
  }
  store.set('ticketing.event', eventId);
  await restoreHold();
  startPolling();
}

// ---- the live seat map ---------------------------------------------------------------------------------------

function startPolling() {
  const run = ++state.polling;
  (async () => {
    while (run === state.polling) {
      if (!document.hidden) {
        await refreshMap();
      }
      await sleep(POLL_MS);
    }
  })();
}

function stopPolling() {
  state.polling++;
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.eventId) {
    refreshMap();
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
      state.etag = answer.headers.get('ETag');
      seatMap.update(answer.data);
      seatMap.setMine(heldSeatIds());
      dropTakenSeats();
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

function heldSeatIds() {
  return state.hold?.status === 'ACTIVE' ? state.hold.seats.map((seat) => seat.id) : [];
}

/** Selected seats that someone else took meanwhile leave the selection, and the user is told. */
function dropTakenSeats() {
  const taken = [...state.selected].filter((id) => seatMap.status(id) !== 'A');
  if (taken.length === 0) {
    return;
  }
  taken.forEach((id) => state.selected.delete(id));
  renderSelection();
  seatMap.flash(taken);
  say(`${taken.map(seatName).join(', ')} ${taken.length > 1 ? 'were' : 'was'} just taken by someone else.`);
}

// ---- choosing seats ------------------------------------------------------------------------------------------

function toggleSeat(seatId) {
  clearError();
  if (state.selected.has(seatId)) {
    state.selected.delete(seatId);
  } else if (state.selected.size >= MAX_SEATS) {
    showError(`You can hold at most ${MAX_SEATS} seats at once.`);
    return;
  } else {
    state.selected.add(seatId);
  }
  renderSelection();
}

function priceOf(seatId) {
  return seatMap.rows[Number(seatId.split('-')[0]) - 1]?.price ?? '0';
}

function renderSelection() {
  const ids = [...state.selected].sort(bySeat);
  seatMap.setSelected(ids);
  const summary = $('#selection-summary');
  if (ids.length === 0) {
    summary.textContent = 'No seats selected.';
  } else {
    const total = sumDecimals(ids.map(priceOf));
    summary.replaceChildren(
      `${ids.length} seat${ids.length > 1 ? 's' : ''}: ${ids.map(seatName).join(', ')} · `,
      el('strong', {}, money(total, seatMap.currency)));
  }
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

function setBusy(busy) {
  state.busy = busy;
  document.body.classList.toggle('busy', busy);
  renderActions();
}

$('#clear-selection').addEventListener('click', () => {
  state.selected.clear();
  renderSelection();
});

const togetherCount = $('#together-count');
togetherCount.addEventListener('input', () => {
  const n = Number(togetherCount.value);
  $('#hold-together').textContent = Number.isInteger(n) && n > 0 ? `${n} together` : 'Together';
});

// ---- holds ---------------------------------------------------------------------------------------------------

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
    say(`Held ${answer.data.seats.map((seat) => seatName(seat.id)).join(', ')} for ${money(answer.data.amount, answer.data.currency)}.`);
  } catch (error) {
    await holdRefused(error);
  } finally {
    setBusy(false);
    refreshMap();
  }
}

async function holdRefused(error) {
  report(error);
  const problem = error.problem || {};
  if (error.status === 409 && Array.isArray(problem.unavailableSeats)) {
    problem.unavailableSeats.forEach((id) => state.selected.delete(id));
    renderSelection();
    seatMap.flash(problem.unavailableSeats);
  } else if (error.status === 409 && Array.isArray(problem.activeHoldIds) && problem.activeHoldIds.length > 0 && !state.hold) {
    // The user already has an open hold here (another tab, or before a reload): show it.
    await loadHold(problem.activeHoldIds[0]);
  }
}

function showHold(hold) {
  state.hold = hold;
  store.set(holdKey(), hold.status === 'ACTIVE' || hold.status === 'PAID'
    ? { holdId: hold.id, paymentId: state.payment?.id || null } : null);
  seatMap.setMine(heldSeatIds());
  holdView.show(hold, { providers: state.providers, payment: state.payment, busy: state.busy });
}

function forgetHold() {
  state.hold = null;
  state.payment = null;
  state.payKey = null;
  store.set(holdKey(), null);
  seatMap.setMine([]);
  holdView.hide();
}

function holdKey() {
  return `ticketing.hold.${state.session?.userId}.${state.eventId}`;
}

/** After a reload: the hold this tab had for this event, if it is still worth showing. */
async function restoreHold() {
  const remembered = store.get(holdKey());
  if (!remembered?.holdId) {
    return;
  }
  const found = await loadHold(remembered.holdId);
  if (found && remembered.paymentId) {
    state.payment = { id: remembered.paymentId, status: 'PENDING' };
    showHold(state.hold);
    watchPayment(remembered.paymentId);
  }
}

async function loadHold(holdId) {
  const eventId = state.eventId;
  try {
    const answer = await api.get(`/holds/${encodeURIComponent(holdId)}`, { accept: [404] });
    if (eventId !== state.eventId) {
      return false;
    }
    if (answer.status === 404 || !['ACTIVE', 'PAID'].includes(answer.data?.status) || answer.data.eventId !== eventId) {
      store.set(holdKey(), null);
      return false;
    }
    noteSkew(answer.headers);
    showHold(answer.data);
    return true;
  } catch (error) {
    report(error);
    return false;
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
    say(`Released ${hold.seats.map((seat) => seatName(seat.id)).join(', ')}: the seats are available again.`);
    $('#seat-map').focus();
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

// ---- payments ------------------------------------------------------------------------------------------------

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

async function pay(provider) {
  const hold = state.hold;
  if (!hold || hold.status !== 'ACTIVE') {
    return;
  }
  clearError();
  state.payKey ||= newKey();
  setBusy(true);
  try {
    const answer = await api.post(`/holds/${encodeURIComponent(hold.id)}/payments`, { provider },
      { headers: { 'Idempotency-Key': state.payKey } });
    startPayment(answer.data, true);
  } catch (error) {
    const problem = error.problem || {};
    const inFlight = problem.paymentId || problem.payment?.id;
    if (error.status === 409 && inFlight) {
      say('A payment for this hold is already under way.');
      startPayment(problem.payment?.id ? problem.payment : { id: inFlight, status: 'PENDING' }, false);
    } else {
      report(error);
    }
  } finally {
    setBusy(false);
  }
}

function startPayment(payment, open) {
  state.payment = payment;
  showHold(state.hold);
  if (open && isWebUrl(payment.approvalUrl || '')) {
    // A new tab keeps this page polling; the link in the panel is there if a popup blocker stops it.
    window.open(payment.approvalUrl, '_blank', 'noopener');
    say('Approve the payment on the payment page. This page shows the result.');
  }
  watchPayment(payment.id);
}

async function watchPayment(paymentId) {
  while (state.payment?.id === paymentId && state.payment.status === 'PENDING') {
    await sleep(PAYMENT_POLL_MS);
    if (state.payment?.id !== paymentId) {
      return;
    }
    try {
      const answer = await api.get(`/payments/${encodeURIComponent(paymentId)}`);
      if (state.payment?.id !== paymentId) {
        return;
      }
      state.payment = { ...state.payment, ...answer.data };
    } catch (error) {
      if (error.status === 404 || error.status === 403) {
        state.payment = null;
        report(error);
      }
      continue;
    }
    if (state.payment.status === 'SUCCESS') {
      say('Paid. Your tickets are confirmed.');
      showHold({ ...state.hold, status: 'PAID' });
      refreshMap();
      if (!$('#tickets').hidden) {
        loadTickets();
      }
    } else if (state.payment.status === 'FAILED') {
      state.payKey = null;
      showError(`The payment failed${state.payment.failureReason ? `: ${state.payment.failureReason}` : '.'}`);
      showHold(state.hold);
    } else {
      showHold(state.hold);
    }
  }
}

// ---- my tickets ----------------------------------------------------------------------------------------------

$('#tickets-button').addEventListener('click', () => {
  const section = $('#tickets');
  const open = section.hidden;
  section.hidden = !open;
  $('#tickets-button').setAttribute('aria-expanded', String(open));
  if (open) {
    loadTickets();
  }
});

async function loadTickets() {
  const body = $('#tickets-body');
  body.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const answer = await api.get('/me/tickets', { accept: [404] });
    if (answer.status === 404) {
      body.replaceChildren(el('p', { class: 'muted' }, 'This server does not list tickets yet.'));
      return;
    }
    const tickets = answer.data?.tickets || [];
    if (tickets.length === 0) {
      body.replaceChildren(el('p', { class: 'muted' }, 'No tickets yet.'));
      return;
    }
    const names = new Map(state.events.map((event) => [event.id, event.name]));
    body.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Event'), el('th', { scope: 'col' }, 'Seat'), el('th', { scope: 'col' }, 'Status'))),
      el('tbody', {}, tickets.map((ticket) => el('tr', { dataset: { ticket: ticket.id } },
        el('td', {}, names.get(ticket.eventId) || ticket.eventId),
        el('td', {}, ticket.row && ticket.column ? `Row ${ticket.row} seat ${ticket.column}` : seatName(ticket.seatId)),
        el('td', {}, el('span', { class: 'pill', dataset: { status: ticket.status } }, ticket.status)))))));
  } catch (error) {
    body.replaceChildren();
    report(error);
  }
}

// ---- new event (admins) --------------------------------------------------------------------------------------

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

// ---- start ---------------------------------------------------------------------------------------------------

if (state.session?.token) {
  enter();
} else {
  $('#user-name').focus();
}
