// A paid ticket shown for the door: its code (the QR payload of GET /me/orders, docs/orders-and-admission.md) as a
// large QR code in a modal <dialog>, with the seat, the event and the order code, and the code as text for typing it
// in. The QR is drawn here, in the browser, by the vendored qrcode-generator (web/vendor/, MIT): nothing is fetched
// from elsewhere.

import qrcode from './vendor/qrcode-generator.js';
import { $, el } from './util.js';
import { t } from './i18n.js';

/** The quiet zone around the symbol, in modules: the four that ISO/IEC 18004 asks for, so any scanner finds it. */
const QUIET = 4;
/** The widest the QR is drawn, in CSS pixels (the dialog narrows it to the screen's width on a phone). */
const LARGEST = 360;

/**
 * Draws `code` as a QR code on a canvas: error correction M (as the tickets' PDF, delivery.documents.QrCodes),
 * the smallest version that holds it, black modules on white with the quiet zone, each module a whole number of
 * device pixels so the edges stay sharp for a camera.
 *
 * @param code the ticket's code (base64url text: byte mode)
 * @param label what a screen reader says for the picture
 * @param width the CSS width wanted; the drawing is at most this wide
 */
export function qrCanvas(code, label, width = LARGEST) {
  const qr = qrcode(0, 'M');
  qr.addData(code, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const modules = count + 2 * QUIET;
  const ratio = window.devicePixelRatio || 1;
  const cell = Math.max(1, Math.floor((width * ratio) / modules));
  const side = cell * modules;
  const canvas = el('canvas', { class: 'ticket-qr-code', role: 'img', 'aria-label': label, width: side, height: side });
  canvas.style.width = `${side / ratio}px`;
  canvas.style.height = `${side / ratio}px`;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#000000';
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (qr.isDark(row, column)) {
        context.fillRect((column + QUIET) * cell, (row + QUIET) * cell, cell, cell);
      }
    }
  }
  return canvas;
}

/**
 * Opens the ticket dialog (`#ticket-qr` of index.html) for one ticket. The code comes from the server when the dialog
 * opens (`load`), so a ticket refunded since the list was read shows that it no longer admits, and no QR.
 *
 * @param seat the seat as the page names it ("Row 15 seat 5")
 * @param event the event's name and date, as one line
 * @param load resolves to `{ orderCode, code }`: the order's code and the ticket's (null when not PAID)
 * @param onError what to do with a failed load (the page's report)
 */
export async function showTicketQr({ seat, event, load, onError }) {
  const dialog = $('#ticket-qr');
  const body = $('#ticket-qr-body', dialog);
  $('#ticket-qr-title', dialog).textContent = seat;
  $('#ticket-qr-event', dialog).textContent = event;
  body.replaceChildren(el('p', { class: 'muted' }, t('common.loading')));
  if (!dialog.open) {
    dialog.showModal();
  }
  try {
    const { orderCode, code } = await load();
    if (!code) {
      body.replaceChildren(el('p', { class: 'ticket-qr-void' }, t('buyer.ticket.revoked')));
      return;
    }
    const width = Math.min(LARGEST, dialog.clientWidth - 32);
    body.replaceChildren(
      el('p', {}, t('buyer.ticket.order', { code: orderCode })),
      el('div', { class: 'ticket-qr-frame' }, qrCanvas(code, t('buyer.ticket.qr', { seat }), width)),
      el('p', { class: 'muted' }, t('buyer.ticket.hint')),
      el('details', { class: 'ticket-qr-text' },
        el('summary', {}, t('buyer.ticket.text')),
        el('code', { id: 'ticket-qr-text' }, code)));
  } catch (error) {
    dialog.close();
    onError(error);
  }
}
