// Small helpers shared by the page's modules: DOM building, decimal money, time, seat names (in the page's language,
// web/i18n.js).

import { formatDateTime, formatMoney, formatTime, list, t } from './i18n.js';

/** The one element matching `selector`; throws when the page lacks it (a typo should fail loudly). */
export function $(selector, root = document) {
  const found = root.querySelector(selector);
  if (!found) {
    throw new Error(`missing element ${selector}`);
  }
  return found;
}

/**
 * Builds an element: `el('li', { class: 'x', 'aria-label': 'y', dataset: { seat: '3-7' } }, 'text', child)`.
 * Attributes with `false`, `null` or `undefined` values are left out; `true` sets an empty attribute.
 * Text is always set as text, never parsed as HTML.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Adds decimal strings ("59.00", "12.5") exactly, keeping the most decimals any of them has. */
export function sumDecimals(values) {
  let scale = 0;
  for (const value of values) {
    scale = Math.max(scale, (String(value).split('.')[1] || '').length);
  }
  let total = 0n;
  for (const value of values) {
    const text = String(value);
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
    const units = BigInt((whole || '0') + fraction.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return scale === 0 ? sign + digits : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** "€59.00", "59,00 €": the API's decimal string formatted for the page's language, never rounded through a float. */
export function money(amount, currency) {
  return currency ? formatMoney(amount, currency) : String(amount);
}

/** "9:05" for 545,000 ms; "0:00" once the time is up. */
export function countdown(milliseconds) {
  const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

let planSeats = null;

/**
 * For an event on a venue plan: its map names and orders the seats (`seatLabel(id)`, `compare(a, b)`: PlanMap);
 * null for a rectangle, whose seat ids ("3-7") say their row and seat.
 */
export function usePlanSeats(map) {
  planSeats = map;
}

/** "Row 3 seat 7" ("Fila 3 posto 7") for seat id "3-7"; a plan's seat by its plan's names ("Stalls, Row A, Seat 3"). */
export function seatName(seatId) {
  const named = planSeats?.seatLabel(seatId);
  if (named) {
    return named;
  }
  const [row, column] = String(seatId).split('-');
  return t('common.seat', { row, seat: column });
}

/**
 * A server message with its seat ids ("seat 15-2", "seats 3-4, 3-5", "not available: 3-4") named as the page names
 * seats: "Row 15 seat 2". Numbers that are part of something longer (dates, other ids) are left alone.
 */
export function nameSeatsIn(text) {
  const id = String.raw`(?<![\w.:-])\d{1,3}-\d{1,3}(?![\w.:-])`;
  const seatList = new RegExp(String.raw`\b(?:seats? )?(${id}(?:(?:, | and )${id})*)`, 'gi');
  return String(text ?? '').replace(seatList, (_, ids) => names(ids.split(/, | and /)));
}

/** "Row 3 seat 4", "Row 3 seat 4 and Row 3 seat 5" ("Fila 3 posto 4 e Fila 3 posto 5"). */
export function names(seatIds) {
  return list([...seatIds].map(seatName));
}

/**
 * "Sat, Dec 12, 2026, 8:30 PM UTC" ("sab 12 dic 2026, 20:30 CET"): the date in `timeZone` (the event's, when it has
 * one; else the reader's), the zone always named.
 */
export function when(date, timeZone) {
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) {
    return String(date ?? '');
  }
  try {
    return formatDateTime(parsed.toISOString(), timeZone);
  } catch {
    return formatDateTime(parsed.toISOString());   // a zone this browser does not know: the reader's, named
  }
}

/** "8:30 PM" ("20:30") on the reader's clock. */
export function clockTime(date) {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? '' : formatTime(parsed.toISOString());
}

/** Seat ids in row, then column order (a plan's: in the plan's order). */
export function bySeat(a, b) {
  if (planSeats) {
    return planSeats.compare(a, b);
  }
  const [ra, ca] = a.split('-').map(Number);
  const [rb, cb] = b.split('-').map(Number);
  return ra - rb || ca - cb;
}

export function sleep(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A fresh Idempotency-Key: a retried request with the same key gets the first answer. */
export function newKey() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Only web addresses may be opened: an answer must never make the page run a `javascript:` URL. */
export function isWebUrl(text) {
  try {
    const url = new URL(text, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Web storage that never throws (private modes, full storage): the page works, it just forgets. */
function storage(area) {
  return {
    get(key) {
      try {
        const text = area().getItem(key);
        return text === null ? null : JSON.parse(text);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value === null || value === undefined) {
          area().removeItem(key);
        } else {
          area().setItem(key, JSON.stringify(value));
        }
      } catch {
        // not remembered; nothing else depends on it
      }
    },
  };
}

/** This tab only (the event last looked at). */
export const store = storage(() => sessionStorage);

/** Every tab of this origin, across restarts: the sign-in, so that a tab the payment provider opens is signed in. */
export const shared = storage(() => localStorage);
