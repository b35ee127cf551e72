// The page's messages, in the dock (which a phone keeps in view at the bottom): one alert for what went wrong, one
// polite status line for how things stand. Seat ids in any text are named as the page names seats, "Row R seat S".

import { $, names, nameSeatsIn } from './util.js';
import { ApiError } from './api.js';

/** An error the user should read; stays until dismissed or replaced. */
export function showError(message) {
  $('#alert-text').textContent = nameSeatsIn(message);
  $('#alert').hidden = false;
}

export function clearError() {
  $('#alert').hidden = true;
  $('#alert-text').textContent = '';
}

/** How things stand now, politely announced; replaces the previous status. */
export function say(message) {
  $('#status').textContent = nameSeatsIn(message);
}

/** A failed request, told as the user should read it: the server's detail, or which seats were just taken. */
export function report(error) {
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
