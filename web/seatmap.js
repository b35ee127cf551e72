// The seat map: the whole hall drawn on one canvas, scaled to fit the frame, with zoom and pan. Drawing is one
// pass over the seats in view (a 20,000-seat hall at fit: all of them), one fill per colour, so a frame costs
// milliseconds; nothing in the DOM grows with the number of seats.
//
// Accessibility and keyboard: the canvas is hidden from assistive technology. One real <button>, the seat cursor,
// sits over the current seat and carries its name ("Row 3 seat 7, available, 20.00 EUR"); arrow keys move it,
// Page Up / Page Down jump five rows, Home / End go to the row's ends (with Ctrl, to the first / last row), Enter
// or Space picks, + and - zoom. Two buttons take turns being the cursor so that every move is a focus change,
// which screen readers announce (a virtualised list of one). A zoomed map follows the cursor.
//
// Pointer: a click or tap on a seat picks it when the seat is big enough to aim at (a cell of 40 px for a finger,
// 10 px for a mouse); otherwise it zooms in around that point so that the next tap picks. Drag pans a zoomed map,
// pinch or Ctrl + wheel zooms. The whole cell around a seat counts as the seat.
//
// The frame element carries the map as `frame.seatMap`, whose seatBox / stageBox / stateOf tell the browser tests
// where a seat is drawn and how.

import { money, seatName } from './util.js';
import { lang, t, tn } from './i18n.js';
import { readSeatColours, SeatPainter } from './seat-marks.js';
import { MapView, MARK, seatState, spoken } from './map-view.js';

const UNIT = 10;            // one seat cell, in hall units
const SEAT = 8;             // the seat inside its cell
const SIDE = 28;            // row numbers on both sides
const STAGE = 22;           // the stage's height
const TOP = STAGE + 20;     // stage + gap + column numbers
const BOTTOM = 6;
const NUMBERS_FROM = 26;    // px per cell from which seat numbers are drawn
const TIERS = 5;
const ROUNDED = typeof Path2D.prototype.roundRect === 'function';

export class SeatMap extends MapView {
  /** The options are MapView's (map-view.js); the frame holds the page's canvas, two `.seat-cursor` buttons and a `.seat-tip`. */
  constructor(frame, options) {
    super(frame, { canvas: frame.querySelector('canvas'), cursors: [...frame.querySelectorAll('.seat-cursor')],
      tip: frame.querySelector('.seat-tip') }, options);
    this.rows = [];
    this.columns = 0;
    this.marks = new Uint8Array(0);   // per seat (r * columns + c): MARK bits
    this.pitch = UNIT;
    frame.seatMap = this;
  }

  // ---- data -------------------------------------------------------------------------------------------------

  get shown() {
    return this.rows.length > 0;
  }

  clear() {
    this.rows = [];
    this.columns = 0;
    this.marks = new Uint8Array(0);
    this.forget();
    this.canvas.width = 0;
  }

  /** The status letter of a seat now (A, R or S), or undefined for a seat the map does not have. */
  status(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    return this.rows[row - 1]?.seats[column - 1];
  }

  priceOf(seatId) {
    return this.rows[Number(seatId.split('-')[0]) - 1]?.price;
  }

  /** Consecutive rows of one price: [{from, to, price}]. */
  priceRanges() {
    const ranges = [];
    for (const row of this.rows) {
      const last = ranges[ranges.length - 1];
      if (last && last.price === row.price && last.to === row.row - 1) {
        last.to = row.row;
      } else {
        ranges.push({ from: row.row, to: row.row, price: row.price });
      }
    }
    return ranges;
  }

  /** Shows a compact map (`{currency, rows:[{row, price, seats}]}`); a map of another shape is laid out anew. */
  update(map) {
    const sameShape = this.rows.length === map.rows.length
      && map.rows.every((row, r) => row.seats.length === this.rows[r].seats.length && row.price === this.rows[r].price);
    this.currency = map.currency || '';
    if (!sameShape) {
      this.#build(map.rows);
      return;
    }
    const changed = map.rows.some((row, r) => row.seats !== this.rows[r].seats);
    this.rows = map.rows;
    if (changed) {
      this.changed();
    }
  }

  /** What the user sees for a seat: available, selected, mine, yours, reserved, sold or blocked (undefined: none). */
  stateOf(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    return this.stateAt({ r: row - 1, c: column - 1 });
  }

  /** Where a seat is drawn, in the page's client coordinates (null when the map has no such seat). */
  seatBox(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    if (!this.view || !this.rows[row - 1] || column < 1 || column > this.rows[row - 1].seats.length) {
      return null;
    }
    const inset = (UNIT - SEAT) / 2;
    return this.clientBox(SIDE + (column - 1) * UNIT + inset, TOP + (row - 1) * UNIT + inset, SEAT, SEAT);
  }

  /** Where the stage is drawn, in client coordinates. */
  stageBox() {
    const stage = this.#stage();
    return this.view ? this.clientBox(stage.x, stage.y, stage.width, stage.height) : null;
  }

  // ---- building ---------------------------------------------------------------------------------------------

  #build(rows) {
    const started = performance.now();
    this.canvas.hidden = false;
    this.frame.seatMap = this;
    this.rows = rows;
    this.columns = rows.reduce((most, row) => Math.max(most, row.seats.length), 0);
    this.hall = { x: 0, y: 0, width: SIDE * 2 + this.columns * UNIT, height: TOP + rows.length * UNIT + BOTTOM };
    this.marks = new Uint8Array(rows.length * this.columns);
    this.remark();
    this.colours = this.#readColours();
    this.tiers = this.priceRanges();
    this.cursorAt = this.cursorAt && this.rows[this.cursorAt.r]?.seats[this.cursorAt.c] ? this.cursorAt : this.#startingSeat();
    this.view = null;
    this.layout(true);
    this.describe();
    this.draw();
    // How long a map takes to show: built (laid out and drawn) and painted (the frame after it); the browser test reads them.
    performance.measure('seatmap-build', { start: started, end: performance.now() });
    requestAnimationFrame(() => requestAnimationFrame(() => {
      performance.measure('seatmap-paint', { start: started, end: performance.now() });
    }));
  }

  #readColours() {
    const css = getComputedStyle(this.frame);
    return { ...readSeatColours(this.frame),
      tiers: Array.from({ length: TIERS }, (_, i) => css.getPropertyValue(`--tier-${i}`).trim() || '#eef') };
  }

  #startingSeat() {
    // the middle seat of the front third's last row if free, else the nearest free one, else row 1 seat 1
    const preferred = Math.max(0, Math.round(this.rows.length / 3) - 1);
    const order = [preferred, ...this.rows.map((_, r) => r).filter((r) => r !== preferred)];
    for (const r of order) {
      const seats = this.rows[r].seats;
      const middle = Math.floor(seats.length / 2);
      for (let d = 0; d < seats.length; d++) {
        for (const c of [middle - d, middle + d]) {
          if (c >= 0 && c < seats.length && seats[c] === 'A') {
            return { r, c };
          }
        }
      }
    }
    return { r: 0, c: 0 };
  }

  describe() {
    let available = 0;
    let seats = 0;
    for (const row of this.rows) {
      seats += row.seats.length;
      for (let i = 0; i < row.seats.length; i++) {
        if (row.seats[i] === 'A') {
          available++;
        }
      }
    }
    const summary = document.getElementById('map-summary');
    if (summary) {
      summary.textContent = tn('buyer.map.summary', available, { rows: this.rows.length, columns: this.columns,
        available: available.toLocaleString(lang()), seats: seats.toLocaleString(lang()) });
    }
  }

  // ---- seats, for MapView: a seat's key is {r, c}, 0-based ---------------------------------------------------

  stateAt({ r, c }) {
    const row = this.rows[r];
    if (!row || c < 0 || c >= row.seats.length) {
      return undefined;
    }
    return seatState(row.seats.charCodeAt(c), this.marks[r * this.columns + c], this.selectable);
  }

  idOf({ r, c }) {
    return `${this.rows[r].row}-${c + 1}`;
  }

  /** "Row 3 seat 7, available, €20.00". */
  nameOf(key) {
    return `${seatName(this.idOf(key))}, ${spoken(this.stateAt(key))}, ${money(this.rows[key.r].price, this.currency)}`.trim();
  }

  tipOf(key) {
    return `${seatName(this.idOf(key))} · ${money(this.rows[key.r].price, this.currency)} · ${spoken(this.stateAt(key))}`;
  }

  centreOf({ r, c }) {
    return { x: SIDE + (c + 0.5) * UNIT, y: TOP + (r + 0.5) * UNIT };
  }

  /** The cell at a point of the hall, or null: the whole cell counts, not just the drawn seat. */
  seatAt(ux, uy) {
    const c = Math.floor((ux - SIDE) / UNIT);
    const r = Math.floor((uy - TOP) / UNIT);
    return r >= 0 && c >= 0 && r < this.rows.length && c < this.rows[r].seats.length ? { r, c } : null;
  }

  setMark(id, bit, on) {
    const [row, column] = id.split('-').map(Number);
    if (row < 1 || row > this.rows.length || column < 1 || column > this.columns) {
      return;
    }
    const index = (row - 1) * this.columns + column - 1;
    this.marks[index] = on ? this.marks[index] | bit : this.marks[index] & ~bit;
  }

  /** Arrows move one seat, Page Up / Down five rows, Home / End to the row's ends (with Ctrl, the first / last row). */
  nextKey(event) {
    let { r, c } = this.cursorAt;
    const lastRow = this.rows.length - 1;
    switch (event.key) {
      case 'ArrowRight': c += 1; break;
      case 'ArrowLeft': c -= 1; break;
      case 'ArrowDown': r += 1; break;
      case 'ArrowUp': r -= 1; break;
      case 'PageDown': r += 5; break;
      case 'PageUp': r -= 5; break;
      case 'Home': c = 0; if (event.ctrlKey) r = 0; break;
      case 'End': c = Number.MAX_SAFE_INTEGER; if (event.ctrlKey) r = lastRow; break;
      default: return undefined;
    }
    r = Math.max(0, Math.min(r, lastRow));
    return { r, c: Math.max(0, Math.min(c, this.rows[r].seats.length - 1)) };
  }

  // ---- drawing ----------------------------------------------------------------------------------------------

  #stage() {
    const seatsWidth = this.columns * UNIT;
    const width = Math.min(seatsWidth, Math.max(seatsWidth * 0.6, 80));
    return { x: (this.hall.width - width) / 2, y: 2, width, height: STAGE };
  }

  /** Draws what the view shows: bands of price tiers, the stage, labels, the seats in view (one fill per colour). */
  draw() {
    const ctx = this.context;
    const colours = this.colours;
    const ratio = this.ratio;
    const k = ratio * this.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(k, 0, 0, k, -this.view.x * k, -this.view.y * k);

    this.tiers.forEach((tier, i) => {
      ctx.fillStyle = colours.tiers[i % TIERS];
      ctx.fillRect(SIDE - 3, TOP + (tier.from - 1) * UNIT, this.columns * UNIT + 6, (tier.to - tier.from + 1) * UNIT);
    });
    const stage = this.#stage();
    ctx.fillStyle = colours.stage;
    ctx.beginPath();
    if (ROUNDED) {
      ctx.roundRect(stage.x, stage.y, stage.width, stage.height, 6);
    } else {
      ctx.rect(stage.x, stage.y, stage.width, stage.height);
    }
    ctx.fill();

    // the seats in view
    const r0 = Math.max(0, Math.floor((this.view.y - TOP) / UNIT));
    const r1 = Math.min(this.rows.length - 1, Math.floor((this.view.y + this.view.h - TOP) / UNIT));
    const c0 = Math.max(0, Math.floor((this.view.x - SIDE) / UNIT));
    const c1 = Math.min(this.columns - 1, Math.floor((this.view.x + this.view.w - SIDE) / UNIT));
    const painter = new SeatPainter(SEAT, SEAT * this.scale, false);
    for (let r = r0; r <= r1; r++) {
      const seats = this.rows[r].seats;
      const y = TOP + (r + 0.5) * UNIT;
      const last = Math.min(c1, seats.length - 1);
      for (let c = c0; c <= last; c++) {
        const marks = this.marks[r * this.columns + c];
        painter.add(seatState(seats.charCodeAt(c), marks, this.selectable), SIDE + (c + 0.5) * UNIT, y, (marks & MARK.conflict) !== 0);
      }
    }
    painter.paint(ctx, colours);

    // text is drawn in screen pixels, at sizes people can read
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const px = (ux) => (ux - this.view.x) * this.scale;
    const py = (uy) => (uy - this.view.y) * this.scale;
    const cell = UNIT * this.scale;
    const labelSize = Math.max(9, Math.min(13, 5 * this.scale));
    ctx.fillStyle = '#fff';
    ctx.font = `600 ${Math.max(8, Math.min(16, 7 * this.scale))}px ${colours.font}`;
    ctx.fillText(t('buyer.map.stage'), px(stage.x + stage.width / 2), py(stage.y + stage.height / 2));
    ctx.fillStyle = colours.label;
    ctx.font = `${labelSize}px ${colours.font}`;
    const rowStep = cell >= labelSize ? 1 : cell * 5 >= labelSize ? 5 : 10;
    for (let r = r0; r <= r1; r++) {
      const number = this.rows[r].row;
      if (number === 1 || number % rowStep === 0) {
        const y = py(TOP + (r + 0.5) * UNIT);
        ctx.fillText(String(number), px(SIDE / 2), y);
        ctx.fillText(String(number), px(this.hall.width - SIDE / 2), y);
      }
    }
    const columnStep = cell * 5 >= labelSize * 2.5 ? 5 : cell * 10 >= labelSize * 2.5 ? 10 : 50;
    for (let c = c0; c <= c1; c++) {
      if (c === 0 || c === this.columns - 1 || (c + 1) % columnStep === 0) {
        ctx.fillText(String(c + 1), px(SIDE + (c + 0.5) * UNIT), py(TOP - 6));
      }
    }
    if (cell >= NUMBERS_FROM) {
      ctx.font = `600 ${Math.round(cell * 0.36)}px ${colours.font}`;
      // on the seats whose shape carries no mark of its own: white on a free seat, grey in a reserved one's ring
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= Math.min(c1, this.rows[r].seats.length - 1); c++) {
          const state = this.stateAt({ r, c });
          if (state === 'available' || state === 'reserved') {
            ctx.fillStyle = state === 'available' ? colours.mark : colours.label;
            ctx.fillText(String(c + 1), px(SIDE + (c + 0.5) * UNIT), py(TOP + (r + 0.5) * UNIT));
          }
        }
      }
    }
  }
}
