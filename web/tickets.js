// My tickets, grouped by purchase (one hold = one purchase): event, date, seats by row and seat, price, status.
// Paid and still-held purchases come first; holds that ended unpaid (released or expired: their tickets are
// CANCELLED) are folded away, since they soon outnumber what the user bought.

import { el, money, seatName, sumDecimals, when } from './util.js';
import { t, tn } from './i18n.js';

/** A purchase's status as the buyer reads it: PAID, PENDING or CANCELLED. */
function statusText(status) {
  return t(`buyer.tickets.status.${status}`);
}

/** Tickets (newest first, as `GET /me/tickets` answers) grouped by hold, in that order. */
export function purchases(tickets) {
  const groups = new Map();
  for (const ticket of tickets) {
    let group = groups.get(ticket.holdId);
    if (!group) {
      group = { holdId: ticket.holdId, eventId: ticket.eventId, paymentId: null, tickets: [] };
      groups.set(ticket.holdId, group);
    }
    group.tickets.push(ticket);
    group.paymentId ||= ticket.paymentId || null;
  }
  for (const group of groups.values()) {
    const statuses = new Set(group.tickets.map((ticket) => ticket.status));
    group.status = statuses.has('PAID') ? 'PAID' : statuses.has('PENDING') ? 'PENDING' : 'CANCELLED';
    group.tickets.sort((a, b) => a.row - b.row || a.column - b.column);
  }
  return [...groups.values()];
}

/** The price of a row from the event's price tiers, or null when the event is unknown here. */
function priceOf(event, row) {
  return event?.prices?.find((tier) => row >= tier.fromRow && row <= tier.toRow)?.price ?? null;
}

/**
 * @param body where the list goes
 * @param tickets the API's tickets
 * @param events the events known to the page (for names, dates and prices)
 * @param highlight the hold id of a purchase to mark as just made, if any
 */
export function renderTickets(body, tickets, { events = [], highlight = null } = {}) {
  const byId = new Map(events.map((event) => [event.id, event]));
  const all = purchases(tickets);
  const current = all.filter((group) => group.status !== 'CANCELLED');
  const ended = all.filter((group) => group.status === 'CANCELLED');
  const parts = [];
  if (current.length === 0) {
    parts.push(el('p', { class: 'muted' }, t(ended.length ? 'buyer.tickets.nonePaid' : 'buyer.tickets.none')));
  } else {
    parts.push(el('div', { class: 'purchases' }, current.map((group) => purchase(group, byId.get(group.eventId), group.holdId === highlight))));
  }
  if (ended.length) {
    parts.push(el('details', { class: 'ended' },
      el('summary', {}, tn('buyer.tickets.ended', ended.length)),
      el('div', { class: 'purchases' }, ended.map((group) => purchase(group, byId.get(group.eventId), false)))));
  }
  body.replaceChildren(...parts);
}

/** The event as one line for a ticket: its name and date. */
function eventLine(event, eventId) {
  return event ? `${event.name} · ${when(event.date, event.timeZone)}` : t('buyer.tickets.event', { id: eventId });
}

function purchase(group, event, highlighted) {
  const prices = group.tickets.map((ticket) => priceOf(event, ticket.row));
  const priced = prices.every((price) => price !== null);
  const currency = event?.currency || '';
  return el('article', {
    class: `purchase${highlighted ? ' just-bought' : ''}`,
    dataset: { hold: group.holdId, status: group.status },
    'aria-label': tn('buyer.tickets.purchase', group.tickets.length,
      { event: event?.name || t('buyer.tickets.event', { id: group.eventId }), status: statusText(group.status) }),
  },
  el('div', { class: 'purchase-head' },
    el('h3', {}, event?.name || t('buyer.tickets.event', { id: group.eventId })),
    el('span', { class: 'pill', dataset: { status: group.status } }, statusText(group.status))),
  el('p', { class: 'muted' }, event ? when(event.date, event.timeZone) : ''),
  el('ul', { class: 'purchase-seats' }, group.tickets.map((ticket, i) => {
    const seat = ticket.row && ticket.column ? seatName(`${ticket.row}-${ticket.column}`) : seatName(ticket.seatId);
    return el('li', { dataset: { ticket: ticket.id, seat: ticket.seatId } },
      el('span', {}, seat),
      el('span', { class: 'price' }, prices[i] === null ? '' : money(prices[i], currency)),
      // a paid ticket's QR for the door (app.js opens it, web/ticket-qr.js); a cancelled one has none
      ticket.status === 'PAID' && group.paymentId
        ? el('button', {
          type: 'button', class: 'link show-ticket', 'aria-haspopup': 'dialog',
          'aria-label': t('buyer.ticket.showFor', { seat }),
          dataset: { payment: group.paymentId, ticket: ticket.id, seat, event: eventLine(event, group.eventId) },
        }, t('buyer.ticket.show'))
        : null);
  })),
  priced ? el('p', { class: 'total' }, el('span', {}, t('buyer.tickets.total')), el('strong', {}, money(sumDecimals(prices), currency))) : null,
  // the order's tickets as a PDF, the same as the confirmation mail's (app.js fetches it with the token)
  group.status === 'PAID' && group.paymentId
    ? el('p', {}, el('button', { type: 'button', class: 'link download-pdf', dataset: { payment: group.paymentId } },
      t('buyer.tickets.download')))
    : null);
}
