// The organiser's page: my events with their sales figures, creating an event, and for one event the seat map with
// a block / unblock / comp tool, edit and reprice, the sales report with its chart and CSV, refunds, the audit trail
// and cancelling with its impact stated first. Everything goes through the public HTTP API (docs/http-api.md); the
// server decides who may do what (an event's organiser or a platform admin) and this page only shows its answers.
//
// Texts come from web/i18n/<lang>.js (keys "organiser.*"): static ones by the elements' data-i18n keys, the rest by t().
// Sign-in (local stack: POST /dev/token with groups ["organizer"] and an organisation) lives in localStorage under
// `ticketing.organiser`, apart from the buyer page's.

import { Api, ApiError } from './api.js';
import { SeatMap } from './seatmap.js';
import { PlanMap } from './planmap.js';
import { clearError, say, showError } from './messages.js';
import { $, el, bySeat, names, seatName, shared, sleep, store, usePlanSeats } from './util.js';
import { formatDateTime, formatMoney, lang, t } from './i18n.js';
import { download, renderReport } from './organiser-report.js';
import { browserZone, instantOf, isZone, wallTime, zones } from './zoned-time.js';

const SESSION_KEY = 'ticketing.organiser';
const MAP_POLL_MS = 1000;          // the seat map is promised fresh within a second; most polls answer 304
const CREATING_POLL_MS = 1000;     // how often a big hall being created is asked after (GET /events/{id})
const CREATING_DEADLINE_MS = 10 * 60_000;   // 100,000 seats took 37-45 s here (docs/big-halls.md): ten minutes is ample
const LIST_POLL_MS = 15_000;       // the list's figures, while the page is in view
const MAX_BLOCK = 99;              // POST /events/{id}/blocks takes at most 99 seats a request
const MAX_COMP = 49;
const PRICE_PATTERN = String.raw`\d+(\.\d{1,3})?`;   // a price as the API takes it: "60", "60.00", "12.125"

const state = {
  session: shared.get(SESSION_KEY),   // {token, userId, organizerId, admin}
  events: [],
  figures: new Map(),                 // eventId -> {available, held, sold, blocked, seats}
  eventId: null,
  event: null,
  etag: null,
  selected: new Set(),
  auditCursor: null,
  watching: new Set(),                // events being created that the page follows until on sale
  run: 0,                             // bumped when the shown event changes: its loops stop
  busy: false,
};

const api = new Api({
  token: () => state.session?.token,
  onUnauthorized: () => signOut(t('organiser.sessionEnded')),
});

const mapOptions = {
  onToggle: toggleSeat,
  onBlocked: (seatId, seatState) => say(t('organiser.seats.cannotPick', { seat: seatName(seatId), state: stateName(seatState) })),
  onZoom: (zoomed) => { $('#zoom-out').disabled = !zoomed; $('#zoom-fit').disabled = !zoomed; },
  selectable: ['available', 'blocked'],
};
// a rectangle event's map, and a venue plan's drawn from its plan (the buyer's page draws the same)
const rectangleMap = new SeatMap($('#map-frame'), mapOptions);
const planMap = new PlanMap($('#map-frame'), mapOptions);
let seatMap = rectangleMap;

// ---- texts ------------------------------------------------------------------------------------------------------

function translatePage() {
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
  document.querySelectorAll('[data-i18n-title]').forEach((node) => node.setAttribute('title', t(node.dataset.i18nTitle)));
  document.title = t('organiser.title');
}

function stateName(seatState) {
  return t(`organiser.state.${{ reserved: 'held', 'selected-blocked': 'blocked' }[seatState] || seatState}`);
}

function statusName(status) {
  return t(`organiser.status.${status || 'ON_SALE'}`);
}

/** A failed request as the organiser should read it: the server's detail (seat ids named as the page names seats). */
function fail(error) {
  if (error instanceof ApiError) {
    const seats = error.problem?.unavailableSeats || error.problem?.notBlockedSeats;
    showError(seats?.length ? `${error.message} (${names(seats)})` : error.message);
  } else {
    console.error(error);
    showError(error?.message || t('organiser.broken'));
  }
}

// ---- signing in -------------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const form = event.target;
  if (!form.reportValidity()) {
    return;
  }
  const userId = $('#user-name').value.trim();
  const organizerId = $('#organisation').value.trim() || null;
  const admin = $('#admin').checked;
  try {
    const body = { userId, groups: ['organizer'], admin };
    if (organizerId) {
      body.organizerId = organizerId;
    }
    const answer = await api.post('/dev/token', body);
    state.session = { token: answer.data.token, userId, organizerId, admin };
    shared.set(SESSION_KEY, state.session);
    renderSession();
    await loadEvents();
  } catch (error) {
    fail(error);
  }
});

$('#sign-out').addEventListener('click', () => signOut(t('organiser.signedOut')));

function signOut(message) {
  state.session = null;
  shared.set(SESSION_KEY, null);
  state.events = [];
  state.figures.clear();
  showEvent(null);
  renderSession();
  renderEvents();
  say(message);
  $('#user-name').focus();
}

function renderSession() {
  const signedIn = !!state.session;
  $('#sign-in').hidden = signedIn;
  $('#signed-in').hidden = !signedIn;
  $('#who').textContent = signedIn
    ? (state.session.organizerId ? `${state.session.userId} (${state.session.organizerId})` : state.session.userId) : '';
  $('#admin-badge').hidden = !state.session?.admin;
  $('#new-event-button').disabled = !signedIn;
  $('#events-refresh').disabled = !signedIn;
  if (!signedIn) {
    $('#create').hidden = true;
  }
}

// ---- my events --------------------------------------------------------------------------------------------------

async function loadEvents() {
  if (!state.session) {
    return;
  }
  try {
    state.events = await api.all('/organizer/events', 'events', 10);
  } catch (error) {
    fail(error);
    return;
  }
  events().filter((event) => event.status === 'CREATING').forEach((event) => watchCreation(event.id));
  renderEvents();
  await loadFigures();
}

function events() {
  return state.events;
}

/** Each listed event's seats by state, from its compact map (cheap: the map the buyers poll). */
async function loadFigures() {
  for (const event of events()) {
    if (event.status !== 'ON_SALE' && event.status !== 'CANCELLED') {
      continue;
    }
    try {
      const answer = await api.get(`/events/${encodeURIComponent(event.id)}/seats?format=compact`, { accept: [409] });
      if (answer.status === 200 && answer.data?.rows) {
        state.figures.set(event.id, count(answer.data.rows));
      }
    } catch {
      // figures are a help: the list stands without them
    }
  }
  renderEvents();
}

function count(rows) {
  const figures = { available: 0, held: 0, sold: 0, blocked: 0, seats: 0 };
  const letters = { A: 'available', R: 'held', S: 'sold', B: 'blocked' };
  for (const row of rows) {
    for (const letter of row.seats) {
      figures[letters[letter] || 'held']++;
      figures.seats++;
    }
  }
  return figures;
}

function renderEvents() {
  const list = $('#event-list');
  $('#events-empty').textContent = !state.session ? t('organiser.events.signIn') : t('organiser.events.none');
  $('#events-empty').hidden = state.session && events().length > 0;
  list.replaceChildren(...events().map((event) => {
    const figures = state.figures.get(event.id);
    const current = event.id === state.eventId;
    return el('li', { dataset: { eventId: event.id, status: event.status } },
      el('button', { type: 'button', class: 'event-item', 'aria-current': current ? 'true' : null },
        el('span', { class: 'event-item-name' }, event.name),
        el('span', { class: 'event-item-when muted' }, formatDateTime(event.date, event.timeZone)),
        el('span', { class: 'pill', dataset: { status: event.status } }, statusName(event.status)),
        el('span', { class: 'event-item-figures' }, figures
          ? t('organiser.events.figures', { sold: figures.sold, seats: figures.seats, held: figures.held, blocked: figures.blocked })
          : event.status === 'CREATING' ? t('organiser.events.creating', { seats: event.rows * event.columns })
            : event.status === 'FAILED' ? (event.failureReason || '') : '')));
  }));
  list.querySelectorAll('button.event-item').forEach((button) => button.addEventListener('click', () => {
    showEvent(button.closest('li').dataset.eventId, { focus: true });
  }));
}

$('#events-refresh').addEventListener('click', async () => {
  await loadEvents();
  say(t('organiser.events.reloaded'));
});

/**
 * A big hall is created in the background (docs/big-halls.md): the page asks after it every second, up to a deadline,
 * and puts it in the list as on sale the moment it is, without a reload.
 */
function watchCreation(eventId) {
  if (state.watching.has(eventId)) {
    return;
  }
  state.watching.add(eventId);
  (async () => {
    const deadline = Date.now() + CREATING_DEADLINE_MS;
    try {
      while (Date.now() < deadline && state.session) {
        await sleep(CREATING_POLL_MS);
        let event;
        try {
          event = (await api.get(`/events/${encodeURIComponent(eventId)}`)).data;
        } catch {
          continue;   // a passing failure: ask again
        }
        if (event.status === 'CREATING') {
          continue;
        }
        replaceEvent(event);
        if (event.status === 'ON_SALE') {
          say(t('organiser.create.onSale', { name: event.name }));
          await loadFigures();
        } else {
          showError(t('organiser.create.failed', { name: event.name, reason: event.failureReason || '' }));
        }
        if (eventId === state.eventId) {
          await showEvent(eventId);
        }
        return;
      }
      if (state.session) {
        showError(t('organiser.create.slow'));
      }
    } finally {
      state.watching.delete(eventId);
    }
  })();
}

function replaceEvent(event) {
  const i = state.events.findIndex((candidate) => candidate.id === event.id);
  if (i >= 0) {
    state.events[i] = { ...state.events[i], ...event };
  } else {
    state.events.unshift(event);
  }
  if (event.id === state.eventId) {
    state.event = { ...state.event, ...event };
  }
  renderEvents();
}

// ---- creating an event ------------------------------------------------------------------------------------------

$('#new-event-button').addEventListener('click', () => {
  showEvent(null);
  $('#create').hidden = false;
  resetCreateForm();
  $('#create').scrollIntoView({ block: 'start' });
  $('#create-form').elements.name.focus();
});
$('#create-cancel').addEventListener('click', () => { $('#create').hidden = true; $('#new-event-button').focus(); });
$('#add-price').addEventListener('click', () => addPriceRow($('#price-rows')));
$('#add-reprice').addEventListener('click', () => addPriceRow($('#reprice-rows')));
$('#create-form').elements.rows.addEventListener('input', renderSeatCount);
$('#create-form').elements.columns.addEventListener('input', renderSeatCount);
for (const radio of $('#create-form').elements.hallKind) {
  radio.addEventListener('change', renderHallKind);
}
$('#create-form').elements.venueId.addEventListener('change', renderCategoryPrices);
$('#plan-import').addEventListener('click', importPlan);

function resetCreateForm() {
  const form = $('#create-form');
  form.reset();
  form.elements.name.value = '';
  fillZones(form.elements.timeZone, browserZone());
  form.elements.date.value = defaultDate(browserZone());
  $('#price-rows').replaceChildren();
  addPriceRow($('#price-rows'), { fromRow: 1, toRow: 3, price: '60.00' });
  addPriceRow($('#price-rows'), { fromRow: 4, toRow: 10, price: '35.00' });
  renderSeatCount();
  renderHallKind();
  loadVenues();
}

/** A time zone select: every zone the browser knows, `chosen` selected. */
function fillZones(select, chosen) {
  select.replaceChildren(...zones(chosen).map((zone) => el('option', { value: zone }, zone)));
  select.value = chosen;
}

/** Which hall the form is for: a rectangle (rows, seats, prices by row range) or a venue (its categories priced). */
function hallKind() {
  return $('#create-form').elements.hallKind.value;
}

function renderHallKind() {
  const venue = hallKind() === 'venue';
  $('#hall-kind').hidden = venue;
  $('#row-prices').hidden = venue;
  $('#venue-fields').hidden = !venue;
  $('#category-prices').hidden = !venue;
  // a hidden field is not asked for: the rectangle's when a venue is chosen, and the other way round
  for (const input of $('#create-form').querySelectorAll('#hall-kind input, #row-prices input')) {
    input.disabled = venue;
  }
  $('#create-form').elements.venueId.disabled = !venue;
  $('#create-form').elements.venueId.required = venue;
  renderCategoryPrices();
}

/** The caller's venues (GET /venues) in the form's venue select, `chosen` (or the first) selected. */
async function loadVenues(chosen) {
  const select = $('#create-form').elements.venueId;
  try {
    state.venues = await api.all('/venues', 'venues', 10);
  } catch (error) {
    state.venues = [];
    fail(error);
  }
  select.replaceChildren(...state.venues.map((venue) => el('option', { value: venue.id },
    t('organiser.venue.option', { name: venue.name, seats: venue.seats.toLocaleString(lang()) }))));
  if (chosen) {
    select.value = chosen;
  }
  renderCategoryPrices();
}

/** One price field per category of the chosen venue; a note when there is no venue yet. */
function renderCategoryPrices() {
  const form = $('#create-form');
  const venue = (state.venues || []).find((candidate) => candidate.id === form.elements.venueId.value);
  $('#venue-note').textContent = venue ? t('organiser.venue.seats', { seats: venue.seats.toLocaleString(lang()),
    categories: venue.categories.length }) : t('organiser.venue.none');
  $('#category-price-fields').replaceChildren(...categoryPriceFields(venue?.categories || [], {},
    hallKind() === 'venue'));
}

/** One price field per category, `prices[category]` in it; asked for (required) or left out (disabled). */
function categoryPriceFields(categories, prices, asked = true) {
  return categories.map((category) => el('label', {}, el('span', {}, t('organiser.venue.categoryPrice', { category })),
    el('input', { name: 'categoryPrice', 'data-category': category, required: asked, disabled: !asked,
      inputmode: 'decimal', pattern: PRICE_PATTERN, value: prices[category] ?? '' })));
}

/** The category price fields of `container` as {category, price}. */
function categoryPricesOf(container) {
  return [...container.querySelectorAll('[name=categoryPrice]')].map((input) => ({
    category: input.dataset.category, price: input.value.trim(),
  }));
}

/** Imports the chosen plan file as a venue (POST /venues, gzipped when the browser can) and selects it. */
async function importPlan() {
  const file = $('#plan-file').files[0];
  if (!file) {
    say(t('organiser.venue.pickFile'));
    $('#plan-file').focus();
    return;
  }
  await busy(async () => {
    clearError();
    try {
      const gzip = typeof CompressionStream === 'function';
      const body = gzip ? await new Response(file.stream().pipeThrough(new CompressionStream('gzip'))).blob() : file;
      const answer = await api.post(`/venues?format=${encodeURIComponent($('#plan-format').value)}`, body,
        { headers: gzip ? { 'Content-Encoding': 'gzip' } : {} });
      say(t('organiser.venue.imported', { name: answer.data.name, seats: answer.data.seats.toLocaleString(lang()) }));
      $('#plan-file').value = '';
      await loadVenues(answer.data.id);
      $('#create-form').elements.venueId.focus();
    } catch (error) {
      fail(error);
    }
  });
}

function renderSeatCount() {
  const form = $('#create-form');
  const seats = Number(form.elements.rows.value) * Number(form.elements.columns.value);
  $('#seat-count').textContent = Number.isFinite(seats) && seats > 0
    ? t(seats > 10_000 ? 'organiser.create.seatsBig' : 'organiser.create.seats', { seats: seats.toLocaleString() }) : '';
}

/** One price range of a form: rows from, to, and the price, with a button that removes it. */
function addPriceRow(container, { fromRow = '', toRow = '', price = '' } = {}) {
  const n = container.children.length + 1;
  const row = el('div', { class: 'price-row', role: 'group', 'aria-label': t('organiser.price.range', { n }) },
    el('label', {}, el('span', {}, t('organiser.price.from')),
      el('input', { name: 'fromRow', type: 'number', min: 1, max: 500, required: true, inputmode: 'numeric', value: fromRow })),
    el('label', {}, el('span', {}, t('organiser.price.to')),
      el('input', { name: 'toRow', type: 'number', min: 1, max: 500, required: true, inputmode: 'numeric', value: toRow })),
    el('label', {}, el('span', {}, t('organiser.price.price')),
      el('input', { name: 'price', required: true, inputmode: 'decimal', pattern: PRICE_PATTERN, value: price })),
    el('button', { type: 'button', class: 'remove', 'aria-label': t('organiser.price.remove', { n }) }, t('organiser.price.removeShort')));
  row.querySelector('.remove').addEventListener('click', () => {
    if (container.children.length > 1) {
      row.remove();
    }
  });
  container.append(row);
  return row;
}

function pricesOf(container) {
  return [...container.querySelectorAll('.price-row')].map((row) => ({
    fromRow: Number(row.querySelector('[name=fromRow]').value),
    toRow: Number(row.querySelector('[name=toRow]').value),
    price: row.querySelector('[name=price]').value.trim(),
  }));
}

$('#create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const form = event.target;
  if (!form.reportValidity()) {
    return;
  }
  // the times as the organiser means them: where the event happens
  const zone = form.elements.timeZone.value;
  const body = {
    name: form.elements.name.value.trim(),
    date: instantOf(form.elements.date.value, zone),
    timeZone: zone,
    currency: form.elements.currency.value.trim(),
  };
  if (hallKind() === 'venue') {
    body.venueId = form.elements.venueId.value;
    body.categoryPrices = categoryPricesOf($('#category-price-fields'));
  } else {
    body.rows = Number(form.elements.rows.value);
    body.columns = Number(form.elements.columns.value);
    body.prices = pricesOf($('#price-rows'));
  }
  if (form.elements.salesStart.value) {
    body.salesStart = instantOf(form.elements.salesStart.value, zone);
  }
  if (form.elements.salesEnd.value) {
    body.salesEnd = instantOf(form.elements.salesEnd.value, zone);
  }
  await busy(async () => {
    try {
      const answer = await api.post('/events', body);
      const created = answer.data;
      $('#create').hidden = true;
      replaceEvent(created);
      if (created.status === 'CREATING') {
        say(t('organiser.create.creating', { name: created.name }));
        watchCreation(created.id);
      } else {
        say(t('organiser.create.created', { name: created.name }));
        await loadFigures();
      }
      await showEvent(created.id, { focus: true });
    } catch (error) {
      fail(error);
    }
  });
});

// ---- one event --------------------------------------------------------------------------------------------------

async function showEvent(eventId, { focus = false } = {}) {
  const run = ++state.run;
  state.eventId = eventId || null;
  // an event not in the list (an admin opening another organiser's by its link) is read below
  state.event = events().find((event) => event.id === eventId) || (eventId ? { id: eventId, name: '' } : null);
  state.etag = null;
  state.selected.clear();
  state.auditCursor = null;
  rectangleMap.clear();
  planMap.clear();
  seatMap = rectangleMap;
  state.planSeats = null;
  usePlanSeats(null);
  renderSelection();
  $('#cancel-confirm').hidden = true;
  $('#report-body').replaceChildren();
  $('#refund-body').replaceChildren();
  $('#audit-rows').replaceChildren();
  renderEvents();
  $('#event').hidden = !state.event;
  if (!state.event) {
    return;
  }
  $('#create').hidden = true;
  store.set('ticketing.organiser.event', eventId);
  if (new URLSearchParams(location.search).get('event') !== eventId) {
    history.replaceState(null, '', `${location.pathname}?event=${encodeURIComponent(eventId)}`);
  }
  try {
    const answer = await api.get(`/events/${encodeURIComponent(eventId)}`);
    if (run !== state.run) {
      return;
    }
    state.event = answer.data;
    if (events().some((event) => event.id === eventId)) {
      replaceEvent(answer.data);
    }
    if (answer.data.venueId) {
      // an event on a venue plan: its seats drawn from the plan (read once: it never changes for the event)
      const plan = (await api.get(`/events/${encodeURIComponent(eventId)}/plan`)).data;
      if (run !== state.run) {
        return;
      }
      planMap.setPlan(plan);
      seatMap = planMap;
      usePlanSeats(planMap);
      state.planSeats = plan.rows.reduce((sum, row) => sum + row.seats.length, 0);
    }
  } catch (error) {
    fail(error);
    $('#event').hidden = true;
    return;
  }
  renderEventHead();
  fillEditForms();
  if (focus) {
    $('#event-title').focus();
  }
  if (state.event.status === 'ON_SALE' || state.event.status === 'CANCELLED') {
    pollMap(run);
    loadReport();
    loadAudit();
  }
  if (state.event.status === 'CANCELLED') {
    followCancellation(run);
  }
}

function renderEventHead() {
  const event = state.event;
  $('#event-title').textContent = event.name;
  $('#event-when').textContent = t(event.venueId ? 'organiser.event.whenPlan' : 'organiser.event.when', {
    date: formatDateTime(event.date, event.timeZone), rows: event.rows, columns: event.columns,
    seats: state.planSeats?.toLocaleString(lang()) ?? '',
    start: formatDateTime(event.salesStart, event.timeZone), end: formatDateTime(event.salesEnd, event.timeZone),
  });
  $('#event-status').textContent = statusName(event.status);
  $('#event-status').dataset.status = event.status;
  const onSale = event.status === 'ON_SALE';
  for (const id of ['edit-section', 'cancel-section', 'refund-section']) {
    $(`#${id}`).hidden = !onSale && id !== 'refund-section';
  }
  $('#seats-section').hidden = !(onSale || event.status === 'CANCELLED');
  $('#report-section').hidden = !(onSale || event.status === 'CANCELLED');
  $('#audit-section').hidden = false;
  document.querySelectorAll('.event-nav a').forEach((link) => {
    link.hidden = $(link.getAttribute('href')).hidden;
  });
  renderFigures();
  renderCancellation(event.cancellation);
}

function renderFigures() {
  const figures = state.figures.get(state.eventId);
  const list = $('#event-figures');
  if (!figures) {
    list.replaceChildren();
    return;
  }
  list.replaceChildren(...[
    ['sold', figures.sold], ['held', figures.held], ['blocked', figures.blocked], ['available', figures.available],
  ].flatMap(([name, value]) => [el('dt', {}, t(`organiser.state.${name}`)), el('dd', { dataset: { figure: name } }, String(value))]));
}

// ---- the seat map and the block tool ----------------------------------------------------------------------------

async function pollMap(run) {
  while (run === state.run) {
    if (!document.hidden) {
      await refreshMap(run);
    }
    await sleep(MAP_POLL_MS);
  }
}

async function refreshMap(run) {
  try {
    const answer = await api.get(`/events/${encodeURIComponent(state.eventId)}/seats?format=compact`,
      { headers: state.etag ? { 'If-None-Match': state.etag } : {}, accept: [409] });
    if (run !== state.run || answer.status !== 200 || !answer.data?.rows) {
      return;
    }
    state.etag = answer.headers.get('ETag');
    seatMap.update(answer.data);
    state.figures.set(state.eventId, count(answer.data.rows));
    // a selected seat someone else took meanwhile can be neither blocked nor unblocked: it leaves the selection
    [...state.selected].filter((id) => !['A', 'B'].includes(seatMap.status(id))).forEach((id) => state.selected.delete(id));
    renderSelection();
    renderFigures();
  } catch {
    // the next poll tries again
  }
}

function toggleSeat(seatId) {
  if (state.selected.has(seatId)) {
    state.selected.delete(seatId);
    say(t('organiser.seats.unselected', { seat: seatName(seatId) }));
  } else {
    state.selected.add(seatId);
    say(t('organiser.seats.selected', { seat: seatName(seatId), state: stateName(seatMap.stateOf(seatId)) }));
  }
  renderSelection();
}

function renderSelection() {
  const ids = [...state.selected].sort(bySeat);
  seatMap.setSelected(ids);
  const free = ids.filter((id) => seatMap.status(id) === 'A');
  const blocked = ids.filter((id) => seatMap.status(id) === 'B');
  $('#selection-summary').textContent = ids.length === 0 ? t('organiser.seats.none')
    : t('organiser.seats.selection', { count: ids.length, free: free.length, blocked: blocked.length, seats: ids.slice(0, 8).map(seatName).join(', ') + (ids.length > 8 ? ' …' : '') });
  $('#block').disabled = state.busy || free.length === 0;
  $('#unblock').disabled = state.busy || blocked.length === 0;
  $('#comp').disabled = state.busy || blocked.length === 0;
  $('#clear-selection').disabled = ids.length === 0;
  $('#block').textContent = free.length ? t('organiser.seats.blockN', { count: free.length }) : t('organiser.seats.block');
  $('#unblock').textContent = blocked.length ? t('organiser.seats.unblockN', { count: blocked.length }) : t('organiser.seats.unblock');
}

$('#clear-selection').addEventListener('click', () => { state.selected.clear(); renderSelection(); });
$('#zoom-in').addEventListener('click', () => seatMap.zoomBy(1.6));
$('#zoom-out').addEventListener('click', () => seatMap.zoomBy(1 / 1.6));
$('#zoom-fit').addEventListener('click', () => seatMap.fit());

$('#block').addEventListener('click', () => changeBlocks('POST', 'A', MAX_BLOCK, 'organiser.seats.blocked'));
$('#unblock').addEventListener('click', () => changeBlocks('DELETE', 'B', MAX_BLOCK, 'organiser.seats.unblocked'));

/** Blocks (POST) or unblocks (DELETE) the selected seats that are `letter` now, a request of at most `most` seats each. */
async function changeBlocks(method, letter, most, doneKey) {
  const seats = [...state.selected].filter((id) => seatMap.status(id) === letter).sort(bySeat);
  await busy(async () => {
    clearError();
    let done = 0;
    try {
      for (let i = 0; i < seats.length; i += most) {
        const chunk = seats.slice(i, i + most);
        await api.request(method, `/events/${encodeURIComponent(state.eventId)}/blocks`, { body: { seats: chunk } });
        chunk.forEach((id) => state.selected.delete(id));
        done += chunk.length;
      }
    } catch (error) {
      fail(error);
    }
    if (done) {
      say(t(doneKey, { count: done }));
    }
    state.etag = null;
    await refreshMap(state.run);
    loadAudit();
  });
}

$('#comp-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  if (!form.reportValidity()) {
    return;
  }
  const seats = [...state.selected].filter((id) => seatMap.status(id) === 'B').sort(bySeat);
  if (seats.length > MAX_COMP) {
    showError(t('organiser.seats.compTooMany', { most: MAX_COMP }));
    return;
  }
  const userId = form.elements.userId.value.trim();
  await busy(async () => {
    clearError();
    try {
      await api.post(`/events/${encodeURIComponent(state.eventId)}/comps`, { seats, userId });
      seats.forEach((id) => state.selected.delete(id));
      say(t('organiser.seats.comped', { count: seats.length, user: userId }));
      form.reset();
    } catch (error) {
      fail(error);
    }
    state.etag = null;
    await refreshMap(state.run);
    loadAudit();
  });
});

// ---- edit and reprice -------------------------------------------------------------------------------------------

function fillEditForms() {
  const event = state.event;
  const form = $('#edit-form');
  const zone = shownZone(event);
  form.elements.name.value = event.name;
  fillZones(form.elements.timeZone, zone);
  form.elements.date.value = wallTime(event.date, zone);
  form.elements.salesStart.value = wallTime(event.salesStart, zone);
  form.elements.salesEnd.value = wallTime(event.salesEnd, zone);
  // a rectangle is repriced by row range; an event on a venue by category (the categories named; the others keep theirs)
  const onPlan = Boolean(event.venueId);
  for (const [id, key] of [['#reprice-legend', 'prices'], ['#reprice-hint', 'pricesHint']]) {
    $(id).dataset.i18n = `organiser.edit.${onPlan ? `category${key[0].toUpperCase()}${key.slice(1)}` : key}`;
    $(id).textContent = t($(id).dataset.i18n);
  }
  $('#reprice-rows').hidden = onPlan;
  $('#add-reprice').hidden = onPlan;
  $('#reprice-categories').hidden = !onPlan;
  $('#reprice-rows').replaceChildren();
  (event.prices || []).forEach((tier) => addPriceRow($('#reprice-rows'), tier));
  const prices = Object.fromEntries((event.categoryPrices || []).map((price) => [price.category, price.price]));
  $('#reprice-categories').replaceChildren(...categoryPriceFields(Object.keys(prices), prices));
}

$('#edit-form').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const form = submitted.target;
  if (!form.reportValidity()) {
    return;
  }
  const event = state.event;
  const changes = {};
  if (form.elements.name.value.trim() !== event.name) {
    changes.name = form.elements.name.value.trim();
  }
  // the times are read where the event happens: a new zone keeps the wall-clock times typed and moves the instants
  const was = shownZone(event);
  const zone = form.elements.timeZone.value;
  if (zone !== was) {
    changes.timeZone = zone;
  }
  for (const field of ['date', 'salesStart', 'salesEnd']) {
    const value = form.elements[field].value;
    const edited = value !== wallTime(event[field], was);
    const moved = zone !== was && instantOf(value, zone) !== instantOf(value, was);
    if (edited || moved) {
      changes[field] = instantOf(value, zone);
    }
  }
  if (Object.keys(changes).length === 0) {
    say(t('organiser.edit.nothing'));
    return;
  }
  await busy(async () => {
    clearError();
    try {
      const answer = await api.request('PATCH', `/events/${encodeURIComponent(event.id)}`, { body: changes });
      replaceEvent(answer.data);
      renderEventHead();
      fillEditForms();
      say(t('organiser.edit.saved', { name: answer.data.name }));
      loadAudit();
    } catch (error) {
      fail(error);
    }
  });
});

$('#price-form').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  if (!submitted.target.reportValidity()) {
    return;
  }
  const body = { currency: state.event.currency };
  if (state.event.venueId) {
    const was = Object.fromEntries((state.event.categoryPrices || []).map((price) => [price.category, price.price]));
    body.categoryPrices = categoryPricesOf($('#reprice-categories')).filter((price) => price.price !== was[price.category]);
    if (body.categoryPrices.length === 0) {
      say(t('organiser.edit.nothing'));
      return;
    }
  } else {
    body.prices = pricesOf($('#reprice-rows'));
  }
  await busy(async () => {
    clearError();
    try {
      const answer = await api.post(`/events/${encodeURIComponent(state.eventId)}/prices`, body);
      replaceEvent(answer.data);
      fillEditForms();
      say(t('organiser.edit.repriced'));
      state.etag = null;
      await refreshMap(state.run);
      loadAudit();
    } catch (error) {
      fail(error);
    }
  });
});

// ---- cancelling -------------------------------------------------------------------------------------------------

$('#cancel-form').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  if (!submitted.target.reportValidity()) {
    return;
  }
  await busy(async () => {
    clearError();
    $('#cancel-impact').textContent = t('organiser.cancel.counting');
    $('#cancel-confirm').hidden = false;
    $('#cancel-impact').textContent = await impact();
    $('#cancel-impact').focus();
  });
});

/**
 * What cancelling does now, counted just before: the seats held now (their holds end), the tickets sold (refunded
 * through their providers; comps are cancelled without money) and the money that goes back (the report's net).
 */
async function impact() {
  const id = encodeURIComponent(state.eventId);
  state.etag = null;
  await refreshMap(state.run);
  const figures = state.figures.get(state.eventId) || { held: 0, sold: 0 };
  let report = null;
  try {
    report = (await api.get(`/events/${id}/report`)).data;
  } catch {
    // without the report, the counts of the map and no amount
  }
  if (report?.seats) {
    const tickets = Math.max(0, report.seats.sold - (report.seats.comp || 0));
    return t('organiser.cancel.impact', {
      name: state.event.name, held: report.seats.held, tickets, comps: report.seats.comp || 0,
      total: formatMoney(report.revenue?.net ?? '0', report.currency),
    });
  }
  return t('organiser.cancel.impactNoTotal', { name: state.event.name, held: figures.held, tickets: figures.sold });
}

$('#cancel-no').addEventListener('click', () => {
  $('#cancel-confirm').hidden = true;
  say(t('organiser.cancel.kept'));
  $('#cancel-check').focus();
});

$('#cancel-yes').addEventListener('click', async () => {
  await busy(async () => {
    clearError();
    try {
      const answer = await api.post(`/events/${encodeURIComponent(state.eventId)}/cancel`, { reason: $('#cancel-reason').value.trim() });
      $('#cancel-confirm').hidden = true;
      replaceEvent(answer.data);
      renderEventHead();
      say(t('organiser.cancel.done', { name: answer.data.name }));
      $('#cancellation-title').focus?.();
      followCancellation(state.run);
      loadAudit();
    } catch (error) {
      fail(error);
    }
  });
});

function renderCancellation(cancellation) {
  $('#cancellation').hidden = !cancellation;
  if (!cancellation) {
    return;
  }
  const tickets = cancellation.tickets;
  $('#cancellation-text').textContent = tickets === null || tickets === undefined
    ? t('organiser.cancellation.counting', { reason: cancellation.reason })
    : t(cancellation.finished ? 'organiser.cancellation.finished' : 'organiser.cancellation.progress', {
      reason: cancellation.reason, tickets, refunded: cancellation.refunded, failed: cancellation.failed, pending: cancellation.pending,
    });
  const progress = $('#cancellation-progress');
  progress.max = Math.max(1, tickets || 0);
  progress.value = tickets ? cancellation.refunded + cancellation.failed : cancellation.finished ? 1 : 0;
  $('#cancellation-failures').replaceChildren(...(cancellation.failures || []).map((failure) =>
    el('li', {}, t('organiser.cancellation.failure', { payment: failure.paymentId, reason: failure.reason }))));
}

/** Follows a cancellation's progress (GET /events/{id} `cancellation`) until it is finished. */
async function followCancellation(run) {
  while (run === state.run) {
    try {
      const event = (await api.get(`/events/${encodeURIComponent(state.eventId)}`)).data;
      if (run !== state.run) {
        return;
      }
      state.event = event;
      renderCancellation(event.cancellation);
      if (event.cancellation?.finished) {
        replaceEvent(event);
        return;
      }
    } catch {
      // asked again below
    }
    await sleep(1000);
  }
}

// ---- refunds ----------------------------------------------------------------------------------------------------

const ORDER_CODE = /^[A-Z0-9]{3}-[A-Z0-9]{3,}$/i;

$('#refund-form').addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  const reference = $('#refund-ref').value.trim();
  if (!reference) {
    $('#refund-ref').reportValidity();
    return;
  }
  clearError();
  const body = $('#refund-body');
  if (!ORDER_CODE.test(reference)) {
    // a payment id: the whole payment, once confirmed
    body.replaceChildren(el('div', { class: 'confirm' },
      el('p', {}, t('organiser.refund.wholePayment', { payment: reference })),
      el('button', { type: 'button', class: 'danger', id: 'refund-confirm' }, t('organiser.refund.confirmWhole'))));
    $('#refund-confirm').addEventListener('click', () => refund(reference, null));
    return;
  }
  try {
    const order = (await api.get(`/orders/${encodeURIComponent(reference.toUpperCase())}`)).data;
    renderOrder(order);
  } catch (error) {
    body.replaceChildren();
    fail(error);
  }
});

function renderOrder(order) {
  const refundable = order.tickets.filter((ticket) => ticket.status === 'PAID');
  const list = el('fieldset', { class: 'order-tickets' },
    el('legend', {}, t('organiser.refund.order', {
      code: order.code, buyer: order.buyer?.name || '', total: formatMoney(order.total, order.currency), status: order.status,
    })),
    order.tickets.map((ticket) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', value: ticket.id, disabled: ticket.status !== 'PAID', checked: ticket.status === 'PAID' }),
      `${seatName(ticket.seatId)} · ${formatMoney(ticket.price ?? '0', order.currency)} · ${t(`organiser.ticket.${ticket.status}`)}`)));
  const button = el('button', { type: 'button', class: 'danger', id: 'refund-confirm', disabled: refundable.length === 0 },
    t('organiser.refund.confirmSelected'));
  $('#refund-body').replaceChildren(list, el('div', { class: 'actions' }, button));
  button.addEventListener('click', () => {
    const ticketIds = [...list.querySelectorAll('input:checked')].map((input) => input.value);
    if (ticketIds.length === 0) {
      showError(t('organiser.refund.noneSelected'));
      return;
    }
    refund(order.paymentId, ticketIds.length === refundable.length ? null : ticketIds);
  });
}

async function refund(paymentId, ticketIds) {
  await busy(async () => {
    clearError();
    try {
      const payment = (await api.post(`/payments/${encodeURIComponent(paymentId)}/refund`, ticketIds ? { ticketIds } : {})).data;
      $('#refund-body').replaceChildren(el('p', { class: 'done' }, t('organiser.refund.done', {
        status: payment.status, refunded: formatMoney(payment.refundedAmount ?? payment.amount, payment.currency),
        amount: formatMoney(payment.amount, payment.currency),
      })));
      say(t('organiser.refund.saidDone'));
      loadReport();
      loadAudit();
    } catch (error) {
      fail(error);
    }
  });
}

// ---- the report -------------------------------------------------------------------------------------------------

async function loadReport() {
  const eventId = state.eventId;
  const body = $('#report-body');
  try {
    const answer = await api.get(`/events/${encodeURIComponent(eventId)}/report`);
    if (eventId === state.eventId) {
      renderReport(body, answer.data);
    }
  } catch (error) {
    if (eventId === state.eventId) {
      body.replaceChildren(el('p', { class: 'muted' }, error.status === 404 || error.status === 405
        ? t('organiser.report.unavailable') : error.message));
    }
  }
}

$('#report-refresh').addEventListener('click', loadReport);
$('#csv-link').addEventListener('click', async (clicked) => {
  clicked.preventDefault();
  try {
    await download(`/events/${encodeURIComponent(state.eventId)}/orders.csv`, state.session.token,
      `orders-${state.eventId}.csv`);
  } catch (error) {
    fail(error);
  }
});

// ---- the audit trail --------------------------------------------------------------------------------------------

async function loadAudit({ more = false } = {}) {
  const eventId = state.eventId;
  if (!eventId) {
    return;
  }
  const cursor = more ? state.auditCursor : null;
  try {
    const answer = await api.get(`/events/${encodeURIComponent(eventId)}/audit?limit=50`
      + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''));
    if (eventId !== state.eventId) {
      return;
    }
    const rows = (answer.data.entries || []).map((entry) => el('tr', { dataset: { action: entry.action } },
      el('td', {}, formatDateTime(entry.at)),
      el('td', {}, entry.actor),
      el('th', { scope: 'row' }, t(`organiser.audit.${entry.action}`)),
      el('td', {}, entry.summary)));
    if (more) {
      $('#audit-rows').append(...rows);
    } else {
      $('#audit-rows').replaceChildren(...rows);
    }
    state.auditCursor = answer.data.next;
    $('#audit-more').hidden = !answer.data.next;
  } catch (error) {
    if (eventId === state.eventId) {
      $('#audit-rows').replaceChildren(el('tr', {}, el('td', { colspan: 4 }, error.message)));
    }
  }
}

$('#audit-refresh').addEventListener('click', () => loadAudit());
$('#audit-more').addEventListener('click', () => loadAudit({ more: true }));

// ---- helpers ----------------------------------------------------------------------------------------------------

async function busy(work) {
  state.busy = true;
  document.body.classList.add('busy');
  renderSelection();
  try {
    await work();
  } finally {
    state.busy = false;
    document.body.classList.remove('busy');
    renderSelection();
  }
}

/** A week from now at 20:00 in `zone`, as a datetime-local value. */
function defaultDate(zone) {
  return `${wallTime(new Date(Date.now() + 7 * 86_400_000).toISOString(), zone).slice(0, 10)}T20:00`;
}

/**
 * The zone an event's times are shown and edited in: its own, else the browser's (an event made without one is
 * printed in the stack's EVENT_TIME_ZONE, which the page does not know).
 */
function shownZone(event) {
  return event.timeZone && isZone(event.timeZone) ? event.timeZone : browserZone();
}

// ---- start ------------------------------------------------------------------------------------------------------

translatePage();
document.addEventListener('langchange', () => { translatePage(); renderEvents(); renderSelection(); });
renderSession();
renderSelection();
setInterval(() => {
  if (!document.hidden && state.session) {
    loadFigures();
  }
}, LIST_POLL_MS);
(async () => {
  if (state.session) {
    await loadEvents();
    const wanted = new URLSearchParams(location.search).get('event') || store.get('ticketing.organiser.event');
    if (wanted) {
      await showEvent(wanted);
    }
  }
  document.body.dataset.ready = 'true';
})();

