// The seat-map page: the events and the live map for everyone; signed in, hold seats, release or pay, see your
// tickets. Everything goes through the public HTTP API (API.md); nothing here decides what a seat's status is.
//
// Sign-in lives in localStorage (key `ticketing.session`), so every tab of the page shares it: the tab a payment
// provider sends the buyer back to (`/?payment=<id>&result=approved|cancelled`) is signed in, shows the result and
// the tickets. Signing out in one tab signs out the others.

import { Api, ApiError } from './api.js';
import { SeatMap } from './seatmap.js';
import { PlanMap } from './planmap.js';
import { HoldView } from './hold.js';
import { ServerClock } from './server-clock.js';
import { Checkout } from './checkout.js';
import { renderTickets } from './tickets.js';
import { showTicketQr } from './ticket-qr.js';
import { clearError, problemText, report, say, showError } from './messages.js';
import { $, el, bySeat, money, names, newKey, seatName, shared, sleep, store, sumDecimals, usePlanSeats, when } from './util.js';
import { lang, languageSwitch, t, tn, translate } from './i18n.js';

const MAX_SEATS = 10;          // the API's default MAX_SEATS_PER_HOLD; the server has the last word (422)
const POLL_MS = 1000;          // how often the page asks for the map's version (tiny); the map only when it changed
const VERSION_BUCKET_MS = 250; // the API's time bucket for version polls (docs/seat-map.md, the freshness bound)
const HOLDS_SYNC_MS = 2000;    // at most this often, a changed map makes the page ask for the user's holds again
const SESSION_KEY = 'ticketing.session';
const RETURN_KEY = 'ticketing.return';
const PHONE = window.matchMedia('(max-width: 48rem)');   // the docked-bar layout of app.css

const state = {
  session: shared.get(SESSION_KEY),  // {token, userId, admin}
  events: [],
  eventId: null,
  plan: null,               // the shown event's venue plan (GET /events/{id}/plan), null for a rectangle
  categoryPrices: null,     // a plan event's prices by category, as the compact map last said
  version: null,             // the compact map's version shown
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
  tickets: [],
  highlight: null,          // the hold id of the purchase My tickets marks as just made
  busy: false,
  polling: 0,               // bumped to stop the running poll loop
  holdsSyncedAt: 0,
};

// the server's time, from every answer's Date and the version answers' "now": what a hold's countdown counts on
const serverClock = new ServerClock();

const api = new Api({
  token: () => state.session?.token,
  onUnauthorized: () => signOut(() => t('buyer.session.ended')),
  onAnswer: (headers) => serverClock.note(Date.parse(headers.get('Date') || '')),
});

const mapOptions = {
  onToggle: toggleSeat,
  onBlocked: seatBlocked,
  onZoom: renderZoom,
  reservedBelow: () => (PHONE.matches ? Math.max(150, $('#dock').offsetHeight) + 8 : 16),
};
// A rectangle event's map (rows x columns) and a venue plan's (drawn from the plan): the page drives the one shown.
const rectangleMap = new SeatMap($('#map-frame'), mapOptions);
const planMap = new PlanMap($('#map-frame'), mapOptions);
let seatMap = rectangleMap;

const holdView = new HoldView($('#hold-panel'), {
  onRelease: release,
  onPay: (provider) => checkout.pay(provider),
  onCancelPayment: () => checkout.cancel(),
  onClose: () => { forgetHold(); renderPanels(); seatMap.focus(); },
  onExpire: holdExpired,
  now: () => serverClock.now(),
});

// ---- signing in ------------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const input = $('#user-name');
  const userId = input.value.trim();
  if (!/^[A-Za-z0-9_.@+-]{1,128}$/.test(userId)) {
    showError(() => t('buyer.signIn.invalid'));
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

$('#sign-out').addEventListener('click', () => signOut(() => t('buyer.signOut.done')));
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
      signOut(() => t('buyer.signOut.elsewhere'), { everywhere: false });
    }
  } else if (session.token !== state.session?.token) {
    if (session.userId !== state.session?.userId) {
      // someone else now: nothing of the previous user's stays on the page
      state.selected.clear();
      state.tickets = [];
      forgetHold();
      seatMap.setYours([]);
      renderSelection();
    }
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
  checkout.loadProviders();
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
    // the list comes a page at a time, soonest first; follow it to the end (an event's page is one entry of it)
    state.events = await api.all('/events', 'events', 50);
  } catch (error) {
    report(error);
    return;
  }
  const select = $('#event-select');
  if (state.events.length === 0) {
    renderEventOptions();
    select.disabled = true;
    await showEvent(null);
    return;
  }
  select.disabled = false;
  renderEventOptions();
  const id = state.events.some((event) => event.id === preferred) ? preferred
    : state.events.some((event) => event.id === state.eventId) ? state.eventId : state.events[0].id;
  select.value = id;
  if (id !== state.eventId) {
    await showEvent(id);
  }
}

/** The event list's entries: "Jazz night · Sat, Dec 12, 2026, 8:30 PM UTC". */
function renderEventOptions() {
  const select = $('#event-select');
  if (state.events.length === 0) {
    select.replaceChildren(el('option', { value: '' }, t('buyer.events.none')));
    return;
  }
  const chosen = select.value;
  select.replaceChildren(...state.events.map((event) =>
    el('option', { value: event.id }, `${event.name} · ${when(event.date, event.timeZone)}`)));
  select.value = chosen;
}

/** The shown event's name, date (its time zone named) and size, above the map. */
function renderEventHead() {
  const event = state.events.find((candidate) => candidate.id === state.eventId);
  $('#event-name').textContent = event ? event.name : t('buyer.events.noEvent');
  const plan = event && state.plan?.eventId === event.id ? state.plan : null;
  $('#event-when').textContent = !event ? ''
    : plan ? t('buyer.events.whenPlan', { date: when(event.date, event.timeZone), venue: plan.name || '',
      seats: plan.rows.reduce((sum, row) => sum + row.seats.length, 0).toLocaleString(lang()) })
      : t('buyer.events.when', { date: when(event.date, event.timeZone), rows: event.rows, columns: event.columns });
}

$('#event-select').addEventListener('change', (event) => showEvent(event.target.value));
$('#events-refresh').addEventListener('click', () => loadEvents(state.eventId));

async function showEvent(eventId) {
  stopPolling();
  clearError();
  state.eventId = eventId || null;
  state.version = null;
  state.selected.clear();
  forgetHold();
  rectangleMap.clear();
  planMap.clear();
  state.plan = null;
  usePlanSeats(null);
  seatMap = rectangleMap;
  renderSelection();
  $('#price-legend').replaceChildren();
  const event = state.events.find((candidate) => candidate.id === eventId);
  renderPlanControls();
  renderEventHead();
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
  if (!(await loadPlan(event))) {
    return;
  }
  await refreshMap();
  if (state.session) {
    await Promise.all([syncHolds(true), loadTickets({ quiet: true })]);
  }
  startPolling();
}

/**
 * An event on a venue plan (`venueId`) is drawn from its plan (`GET /events/{id}/plan`, the same for the event's
 * whole life, so read once); a rectangle keeps its map. Answers false when the event changed meanwhile.
 */
async function loadPlan(event) {
  let venueId = event.venueId;
  try {
    if (venueId === undefined) {
      // a list entry without the field: the event itself says
      venueId = (await api.get(`/events/${encodeURIComponent(event.id)}`)).data?.venueId;
    }
    if (!venueId) {
      return event.id === state.eventId;
    }
    const answer = await api.get(`/events/${encodeURIComponent(event.id)}/plan`);
    if (event.id !== state.eventId) {
      return false;
    }
    state.plan = { ...answer.data, eventId: event.id };
    planMap.setPlan(answer.data);
    seatMap = planMap;
    usePlanSeats(planMap);
    renderPlanControls();
    renderEventHead();
    return true;
  } catch (error) {
    report(error);
    return event.id === state.eventId && !venueId;
  }
}

/** The controls only a plan has: its legend's flags, the price filter, category and wheelchair places for best available. */
function renderPlanControls() {
  const plan = !!state.plan;
  document.querySelectorAll('.plan-only').forEach((element) => { element.hidden = !plan; });
  $('.map-card').classList.toggle('plan', plan);
  if (!plan) {
    $('#together-accessible').checked = false;
  }
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

/**
 * Asks for the compact map's version (in the current 250 ms bucket of the server's clock, so a CDN's copy is never
 * older than the bucket) and, when it is not the one shown, for the map by that version (immutable, so the CDN keeps
 * it for everyone). An answer of another version is not shown (the next poll asks again); answers arriving out of
 * order are dropped.
 */
async function refreshMap() {
  const eventId = state.eventId;
  if (!eventId) {
    return;
  }
  const seq = ++state.mapSeq;
  const path = `/events/${encodeURIComponent(eventId)}/seats`;
  try {
    const offset = serverClock.offset();
    const bucket = offset === null ? '' : `&t=${Math.floor((Date.now() + offset) / VERSION_BUCKET_MS)}`;
    const current = await api.get(`${path}?format=version${bucket}`);
    serverClock.note(current.data.now);
    const wanted = current.data.version;
    const answer = wanted === state.version ? null
      : await api.get(`${path}?format=compact&v=${encodeURIComponent(wanted)}`);
    if (eventId !== state.eventId || seq < state.mapShown) {
      return;
    }
    state.mapShown = seq;
    if (answer?.status === 200 && answer.data?.rows && answer.data.version === wanted) {
      const first = !seatMap.shown;
      const pricesChanged = state.plan && JSON.stringify(answer.data.categoryPrices) !== JSON.stringify(state.categoryPrices);
      state.categoryPrices = answer.data.categoryPrices;
      state.version = wanted;
      seatMap.update(answer.data);
      if (first || pricesChanged) {
        renderPriceLegend();
      }
      if (first) {
        renderZoom(false);
      }
      seatMap.setMine(heldSeatIds());
      dropTakenSeats();
      if (!first) {
        syncHolds(false);
      }
    }
    $('#live').textContent = t('buyer.map.live', { time: new Date().toLocaleTimeString(lang()) });
    $('#live').classList.remove('offline');
  } catch (error) {
    if (eventId === state.eventId) {
      $('#live').textContent = error.status === 0 ? t('buyer.map.offline') : t('buyer.map.stale', { problem: problemText(error) });
      $('#live').classList.add('offline');
      if (error.status === 404) {
        report(error);
        stopPolling();
      }
    }
  }
}

function renderPriceLegend() {
  const currency = seatMap.currency;
  if (seatMap === planMap) {
    renderCategoryLegend(currency);
    return;
  }
  $('#price-legend').setAttribute('aria-label', t('buyer.prices'));
  $('#price-legend').replaceChildren(...seatMap.priceRanges().map((range, i) => el('li', {},
    el('span', { class: `swatch tier-swatch tier-${i % 5}`, 'aria-hidden': 'true' }),
    t(range.from === range.to ? 'buyer.prices.row' : 'buyer.prices.rows',
      { from: range.from, to: range.to, price: money(range.price, currency) }))));
}

/**
 * A plan's legend: each category in its colour with its price, dimmed when the price filter leaves it out; the
 * filter's choices (every price, then "up to" each price); best available's categories.
 */
function renderCategoryLegend(currency) {
  const categories = planMap.categories();
  const filter = $('#price-filter');
  const chosen = filter.value;
  const prices = [...new Set(categories.map((category) => category.price).filter((price) => price !== undefined && price !== null))]
    .sort((a, b) => Number(a) - Number(b));
  filter.replaceChildren(el('option', { value: '' }, t('buyer.plan.filter.any')),
    ...prices.map((price) => el('option', { value: price }, t('buyer.plan.filter.upTo', { price: money(price, currency) }))));
  filter.value = prices.includes(chosen) ? chosen : '';
  planMap.setMaxPrice(filter.value || null);
  const max = filter.value === '' ? Infinity : Number(filter.value);
  $('#price-legend').setAttribute('aria-label', t('buyer.plan.prices'));
  $('#price-legend').replaceChildren(...categories.map((category) => el('li', { class: Number(category.price) > max ? 'dimmed' : null,
    dataset: { category: category.name } },
  el('span', { class: 'swatch category', 'aria-hidden': 'true' }),
  t('buyer.plan.price', { category: category.name, price: category.price === undefined ? '' : money(category.price, currency) }))));
  // the swatches' colours are the map's own (a plan's colour darkened to 3:1): set as a property, not inline CSS text
  [...$('#price-legend').children].forEach((item, i) => { item.firstChild.style.backgroundColor = categories[i].colour; });
  const select = $('#together-category');
  const wanted = select.value;
  select.replaceChildren(el('option', { value: '' }, t('buyer.together.anyCategory')),
    ...categories.map((category) => el('option', { value: category.name },
      category.price === undefined ? category.name : t('buyer.plan.price', { category: category.name, price: money(category.price, currency) }))));
  select.value = categories.some((category) => category.name === wanted) ? wanted : '';
}

$('#price-filter').addEventListener('change', () => renderCategoryLegend(seatMap.currency));

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
  showError(() => tn('buyer.selection.taken', taken.length, { seats: names(taken) }));
}

// ---- choosing seats --------------------------------------------------------------------------------------------

function toggleSeat(seatId) {
  if (!state.session) {
    seatBlocked(seatId, 'available');
    return;
  }
  if (state.hold && !activeHold() && !(state.payment?.status === 'PENDING')) {
    forgetHold();   // a hold that has ended (paid) steps aside for the new pick, no Close needed
  }
  if (activeHold()) {
    say(() => t('buyer.selection.holding'));
    return;
  }
  clearError();
  if (state.selected.has(seatId)) {
    state.selected.delete(seatId);
    say(() => t('buyer.selection.left', { seat: seatName(seatId) }));
  } else if (state.selected.size >= MAX_SEATS) {
    showError(() => t('buyer.selection.max', { max: MAX_SEATS }));
    return;
  } else {
    state.selected.add(seatId);
    say(() => t('buyer.selection.added', { seat: seatName(seatId) }));
  }
  renderSelection();
}

function seatBlocked(seatId, seatState) {
  if (!state.session) {
    const price = seatMap.priceOf(seatId);
    const currency = seatMap.currency;
    say(() => t('buyer.seat.signIn', { seat: seatName(seatId), price: money(price, currency) }));
  } else if (['mine', 'yours', 'blocked', 'reserved', 'sold'].includes(seatState)) {
    say(() => t(`buyer.seat.${seatState}`, { seat: seatName(seatId) }));
  } else {
    say(() => t('buyer.seat.other', { seat: seatName(seatId), state: t(`buyer.map.spoken.${seatState}`) }));
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
    summary.textContent = t('buyer.selection.empty');
    total.textContent = '';
  } else {
    summary.textContent = tn('buyer.seats.count', ids.length, { seats: ids.map(seatName).join(', ') });
    total.textContent = money(sumDecimals(ids.map((id) => seatMap.priceOf(id) ?? '0')), seatMap.currency);
  }
  $('#hold-selected').textContent = ids.length === 0 ? t('buyer.selection.hold') : tn('buyer.selection.holdCount', ids.length);
  renderActions();
}

function renderActions() {
  const noEvent = !state.eventId;
  $('#hold-selected').disabled = state.busy || noEvent || state.selected.size === 0;
  $('#clear-selection').disabled = state.busy || state.selected.size === 0;
  $('#hold-together').disabled = state.busy || noEvent;
  if (state.hold) {
    holdView.show(state.hold, { providers: offeredProviders(state.hold), payment: state.payment, busy: state.busy });
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
  say(() => t('buyer.selection.cleared'));
});

const togetherCount = $('#together-count');
togetherCount.addEventListener('input', renderTogether);

function renderTogether() {
  const n = Number(togetherCount.value);
  $('#hold-together').textContent = Number.isInteger(n) && n > 0 ? t('buyer.together.count', { count: n }) : t('buyer.together');
}

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
    showError(() => t('buyer.together.range', { max: MAX_SEATS }));
    togetherCount.focus();
    return;
  }
  const request = { quantity, together: true };
  if (state.plan) {
    if ($('#together-category').value) {
      request.category = $('#together-category').value;
    }
    if ($('#together-accessible').checked) {
      request.accessible = true;
    }
  }
  placeHold(request);
});

async function placeHold(request) {
  clearError();
  const eventId = state.eventId;
  setBusy(true);
  try {
    const answer = await outcomeOf(await api.post(`/events/${encodeURIComponent(eventId)}/holds`, request,
      { headers: { 'Idempotency-Key': newKey() } }));
    if (eventId !== state.eventId) {
      return;
    }
    state.selected.clear();
    state.payment = null;
    state.payKey = null;
    showHold(answer.data);
    renderSelection();
    const hold = answer.data;
    say(() => t('buyer.hold.made', { seats: names(hold.seats.map((seat) => seat.id)),
      amount: money(hold.amount, hold.currency), until: holdView.until(hold) }));
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

/**
 * When and how long the page polls a best-available request answered 202 (the server gives up after ~5 s): 250 ms
 * after the 202, then each wait twice the last, at most a second. A crowd deep in the queue then polls once a second
 * instead of four times, and the allocator keeps the table to itself (docs/capacity.md).
 */
const HOLD_POLL_MS = 250;
const HOLD_POLL_LONGEST_MS = 1000;
const HOLD_POLL_DEADLINE_MS = 30000;

/**
 * A quantity request the allocator has not placed within the server's short wait answers 202 with a Location:
 * poll it until it answers the hold (201) or a problem (thrown, as the POST's own would be), within a deadline.
 */
async function outcomeOf(answer) {
  const giveUpAt = Date.now() + HOLD_POLL_DEADLINE_MS;
  let wait = HOLD_POLL_MS;
  while (answer.status === 202) {
    const location = answer.headers.get('Location');
    if (!location || Date.now() > giveUpAt) {
      // as the server says when it gives up on a request: nothing held, try again
      throw new ApiError(503, { type: 'best-available-busy' });
    }
    await sleep(wait);
    wait = Math.min(HOLD_POLL_LONGEST_MS, 2 * wait);
    answer = await api.get(location);
  }
  return answer;
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
  holdView.prefillBuyer(checkout.rememberedBuyer());
  seatMap.setMine(heldSeatIds());
  holdView.show(hold, { providers: offeredProviders(hold), payment: state.payment, busy: state.busy });
  renderPanels();
}

/**
 * The providers Pay offers for a hold: those the server enables that take its event's currency (the event's
 * `providers`, from GET /events); all enabled ones when the event is not in the list (a hold of another tab's event).
 */
function offeredProviders(hold) {
  const event = state.events.find((candidate) => candidate.id === hold?.eventId);
  if (!state.providers || !Array.isArray(event?.providers)) return state.providers;
  const offered = state.providers.filter((provider) => event.providers.includes(provider.id));
  return offered.length > 0 ? offered : null;
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
        say(() => t('buyer.hold.found', { seats: names(open.seats.map((seat) => seat.id)), until: holdView.until(open) }));
      }
    }
    if (open.paymentId && state.watching !== open.paymentId) {
      state.payment = state.payment?.id === open.paymentId ? state.payment : { id: open.paymentId, status: 'PENDING' };
      checkout.watch(open.paymentId);
    }
  } else if (activeHold() && !state.watching) {
    // ended elsewhere: released, paid or expired; the hold itself says which
    await loadHold(state.hold.id);
  }
}

/** For a fresh tab that names no event: the event of the user's newest open hold, if any. */
async function eventOfOpenHold() {
  if (!state.session || store.get(RETURN_KEY)) {
    return null;
  }
  try {
    const answer = await api.get('/me/holds', { accept: [404] });
    return answer.status === 200 ? answer.data?.holds?.[0]?.eventId ?? null : null;
  } catch {
    return null;
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
    if (!holdEnded(answer.data)) {
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
    say(() => t('buyer.hold.released', { seats: names(hold.seats.map((seat) => seat.id)) }));
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

/**
 * The countdown reached zero. The server decides what that means: a payment started meanwhile extended the hold
 * (its grace), an approval gave it time to capture, a capture made it PAID; or it is over. The countdown and the
 * texts follow the server's answer, never a guess (a browser clock a second ahead asks again a moment later).
 */
async function holdExpired() {
  const hold = state.hold;
  for (let attempt = 0; hold && attempt < 5 && state.hold?.id === hold.id; attempt++) {
    let answer;
    try {
      answer = await api.get(`/holds/${encodeURIComponent(hold.id)}`, { accept: [404] });
    } catch {
      await sleep(POLL_MS);
      continue;
    }
    if (state.hold?.id !== hold.id) {
      return;
    }
    if (answer.status === 404) {
      holdEnded({ ...hold, status: 'EXPIRED' });
      return;
    }
    const now = serverClock.now();
    if (holdEnded(answer.data)) {
      return;
    }
    if (answer.data.status !== 'ACTIVE' || Date.parse(answer.data.expiresAt) > now) {
      showHold(answer.data);   // PAID, or ACTIVE for longer: the countdown runs on to the new expiresAt
      return;
    }
    await sleep(POLL_MS);
  }
  if (state.hold?.id === hold?.id && activeHold()) {
    holdEnded({ ...hold, status: 'EXPIRED' });   // the server cannot be asked; its own expiry is past
  }
}

/**
 * A hold that has ended unpaid (EXPIRED or RELEASED) leaves the dock at once with one message, and the selection
 * is back, empty, so the next pick on the map works; answers false for a hold still ACTIVE or PAID.
 */
function holdEnded(hold) {
  if (hold.status !== 'EXPIRED' && hold.status !== 'RELEASED') {
    return false;
  }
  const wasShown = state.hold?.id === hold.id;
  const focusWasInDock = $('#dock').contains(document.activeElement) || document.activeElement === document.body;
  forgetHold();
  state.selected.clear();
  renderSelection();
  refreshMap();
  if (wasShown) {
    say(() => t(hold.status === 'EXPIRED' ? 'buyer.hold.expired' : 'buyer.hold.releasedElsewhere',
      { seats: names(hold.seats.map((seat) => seat.id)), until: holdView.until(hold) }));
    if (focusWasInDock) {
      seatMap.focus();
    }
  }
  return true;
}

// ---- payments (checkout.js) -----------------------------------------------------------------------------------

const checkout = new Checkout(api, state, {
  activeHold,
  showHold,
  loadHold,
  until: (hold) => holdView.until(hold),
  buyer: () => holdView.buyer(),
  focusHold: () => holdView.focusTarget().focus(),
  refreshMap,
  openTickets,
  loadTickets,
  ticketsOpen: () => !$('#tickets').hidden,
  showEvent,
  setBusy,
  renderActions,
});

/**
 * The provider sent the buyer back here, usually in the tab it opened: `?payment=<id>&result=approved|cancelled`.
 * The address is cleaned at once (a reload must not do it again); signed out, it waits for the sign-in.
 */
async function handleReturn(returning) {
  if (!state.session) {
    say(() => t('buyer.payment.signIn'));
    return;
  }
  store.set(RETURN_KEY, null);
  await checkout.returned(returning);
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

/** The code of the order a payment made (`GET /payments/{id}`'s `orderCode`); throws when it made none yet. */
async function orderCodeOf(paymentId) {
  const payment = await api.get(`/payments/${encodeURIComponent(paymentId)}`);
  const code = payment.data?.orderCode;
  if (!code) {
    throw new Error('This purchase has no order yet');
  }
  return code;
}

// "Download tickets (PDF)" of a paid purchase: its payment names the order, whose PDF is fetched with the token (a
// plain link would carry none) and opened from a blob URL.
$('#tickets-body').addEventListener('click', async (event) => {
  const button = event.target.closest('button.download-pdf');
  if (!button) {
    return;
  }
  button.disabled = true;
  try {
    const code = await orderCodeOf(button.dataset.payment);
    const url = URL.createObjectURL(await api.download(`/orders/${encodeURIComponent(code)}.pdf`));
    const link = el('a', { href: url, download: `tickets-${code}.pdf` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    report(error);
  } finally {
    button.disabled = false;
  }
});

// "Show ticket": the ticket's code as the order tells it now (`GET /orders/{code}`: null once refunded), as a QR.
$('#tickets-body').addEventListener('click', (event) => {
  const button = event.target.closest('button.show-ticket');
  if (!button) {
    return;
  }
  const { payment, ticket, seat, event: eventText } = button.dataset;
  showTicketQr({
    seat,
    event: eventText,
    load: async () => {
      const orderCode = await orderCodeOf(payment);
      const order = await api.get(`/orders/${encodeURIComponent(orderCode)}`);
      const found = (order.data?.tickets || []).find((line) => line.id === ticket);
      return { orderCode: order.data?.code || orderCode, code: found?.code ?? null };
    },
    onError: report,
  });
});
$('#ticket-qr-close').addEventListener('click', () => $('#ticket-qr').close());
// a click on the backdrop (outside the dialog's box) closes it too, as Escape does
$('#ticket-qr').addEventListener('click', (event) => {
  if (event.target === event.currentTarget) {
    const box = event.currentTarget.getBoundingClientRect();
    if (event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom) {
      event.currentTarget.close();
    }
  }
});

/** Reads the user's tickets: marks their sold seats on the map, and fills My tickets when it is open. */
async function loadTickets({ quiet, highlight = null }) {
  const body = $('#tickets-body');
  if (!quiet && !body.firstChild) {
    body.replaceChildren(el('p', { class: 'muted' }, t('common.loading')));
  }
  try {
    // the list comes a page at a time; the newest 1,000 tickets are plenty for one screen
    const tickets = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const answer = await api.get('/me/tickets?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
        { accept: [404] });
      if (answer.status === 404) {
        body.replaceChildren(el('p', { class: 'muted' }, t('buyer.tickets.unavailable')));
        return;
      }
      tickets.push(...(answer.data?.tickets || []));
      cursor = answer.data?.next;
      if (!cursor) {
        break;
      }
    }
    state.tickets = tickets;
    seatMap.setYours(state.tickets.filter((ticket) => ticket.status === 'PAID' && ticket.eventId === state.eventId)
      .map((ticket) => ticket.seatId));
    state.highlight = highlight;
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
    const name = answer.data.name;
    say(() => t('buyer.events.created', { name }));
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

// ---- the page's language ---------------------------------------------------------------------------------------

languageSwitch($('#lang-select'));
translate();
renderTogether();

// Another language chosen: everything shown is told again in it, in place (nothing is reloaded).
document.addEventListener('langchange', () => {
  translate();
  renderEventOptions();
  renderEventHead();
  if (seatMap.shown) {
    renderPriceLegend();
  }
  seatMap.retell();
  renderSelection();
  renderTogether();
  holdView.retell();
  if (!$('#tickets').hidden && state.tickets.length > 0) {
    renderTickets($('#tickets-body'), state.tickets, { events: state.events, highlight: state.highlight });
  }
});

// ---- the docked bar's height, so the page can scroll everything out from under it --------------------------------

new ResizeObserver(() => {
  document.documentElement.style.setProperty('--dock-height', `${$('#dock').offsetHeight}px`);
}).observe($('#dock'));

// ---- start -----------------------------------------------------------------------------------------------------

(async () => {
  const params = new URLSearchParams(location.search);
  if (params.has('payment')) {
    store.set(RETURN_KEY, { paymentId: params.get('payment'), result: params.get('result') || '' });
    history.replaceState(null, '', location.pathname);
  }
  renderSession();
  renderSelection();
  if (state.session?.token) {
    checkout.loadProviders();
  }
  await loadEvents(params.get('event') || store.get('ticketing.event') || await eventOfOpenHold());
  if (store.get(RETURN_KEY)) {
    if (state.session?.token) {
      await handleReturn(store.get(RETURN_KEY));
    } else {
      say(() => t('buyer.payment.signIn'));
      $('#user-name').focus();
    }
  }
  document.body.dataset.ready = 'true';
})();
