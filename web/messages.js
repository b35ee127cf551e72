// The page's messages, in the dock (which a phone keeps in view at the bottom): one alert for what went wrong, one
// polite status line for how things stand. A message is given as a function that makes its text (or as a text), so
// that a change of language re-tells it in the new one. Seat ids in any text are named as the page names seats.
//
// Problems from the server (RFC 9457) are told by their `type`: its last path segment ("seats-unavailable") picks the
// text `buyer.problem.<type>` of the dictionary, filled from the problem's members (the seats it names, a limit, a
// time); a type the dictionaries do not know is told by the server's own `detail`.

import { $, clockTime, names, nameSeatsIn, when } from './util.js';
import { ApiError } from './api.js';
import { has, t, tn } from './i18n.js';

let alertText = null;
let statusText = null;

function text(message) {
  return nameSeatsIn(typeof message === 'function' ? message() : message);
}

/** An error the user should read; stays until dismissed or replaced. `message`: a text, or () => text. */
export function showError(message) {
  alertText = message;
  $('#alert-text').textContent = text(message);
  $('#alert').hidden = false;
}

export function clearError() {
  alertText = null;
  $('#alert').hidden = true;
  $('#alert-text').textContent = '';
}

/** How things stand now, politely announced; replaces the previous status. `message`: a text, or () => text. */
export function say(message) {
  statusText = message;
  $('#status').textContent = text(message);
}

/** A failed request, told as the user should read it, in the page's language (see problemText). */
export function report(error) {
  if (!(error instanceof ApiError)) {
    console.error(error);
  }
  showError(() => problemText(error));
}

/** The last path segment of a problem's `type` ("https://ticketing.dev/problems/hold-paid" -> "hold-paid"), or ''. */
export function problemType(problem) {
  return String(problem?.type ?? '').replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? '';
}

/**
 * What to tell the buyer about a failed request: the dictionary's text for the problem's type, filled from the
 * problem's members; else the server's detail; else a text for the HTTP status. An error of the page itself (not an
 * answer) is told as such.
 */
export function problemText(error) {
  if (!(error instanceof ApiError)) {
    return t('buyer.problem.page');
  }
  if (error.status === 0) {
    return t('buyer.problem.offline');
  }
  const problem = error.problem || {};
  // one type, two texts: sales that have not opened yet, or have closed
  const type = problemType(problem) === 'sales-closed' && Date.parse(problem.salesStart) > Date.now()
    ? 'sales-not-open' : problemType(problem);
  const vars = problemVars(problem);
  if (type && has(`buyer.problem.${type}.other`)) {
    return tn(`buyer.problem.${type}`, vars.count, vars);
  }
  if (type && has(`buyer.problem.${type}`)) {
    return t(`buyer.problem.${type}`, vars);
  }
  return problem.detail || problem.title || t('buyer.problem.status', { status: error.status });
}

/** The members a problem's text may name, made readable: seats by name, times in the page's language. */
function problemVars(problem) {
  const seats = firstList(problem.unavailableSeats, problem.strandedSeats, problem.seats);
  return {
    detail: problem.detail || problem.title || '',
    count: seats.length || Number(problem.quantity) || 1,
    seats: names(seats),
    suggested: names(firstList(problem.suggestedSeats)),
    quantity: problem.quantity ?? '',
    max: problem.maxSeatsPerHold ?? problem.maxSeats ?? '',
    retryAt: problem.retryAt ? clockTime(problem.retryAt) : '',
    salesStart: problem.salesStart ? when(problem.salesStart) : '',
    salesEnd: problem.salesEnd ? when(problem.salesEnd) : '',
  };
}

function firstList(...candidates) {
  return candidates.find((candidate) => Array.isArray(candidate) && candidate.length > 0) || [];
}

$('#alert-close').addEventListener('click', clearError);

// A new language: the messages shown are told again in it.
document.addEventListener('langchange', () => {
  if (alertText !== null) {
    $('#alert-text').textContent = text(alertText);
  }
  if (statusText !== null) {
    $('#status').textContent = text(statusText);
  }
});
