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
import { readSeatColours, SeatPainter, sizeFrame, STATES } from './seat-marks.js';
import { MapGestures, SeatCursors } from './map-controls.js';

const UNIT = 10;            // one seat cell, in hall units
const SEAT = 8;             // the seat inside its cell
const SIDE = 28;            // row numbers on both sides
const STAGE = 22;           // the stage's height
const TOP = STAGE + 20;     // stage + gap + column numbers
const BOTTOM = 6;
const TOUCH_CELL = 52;      // px: the cell size a tap zooms to, so that a seat is at least 40 px wide
const MOUSE_CELL = 24;
const PICK_CELL = { touch: 40, pen: 24, mouse: 10 };
const MAX_CELL = 96;
const NUMBERS_FROM = 26;    // px per cell from which seat numbers are drawn
const LETTERS = { A: 'available', R: 'reserved', S: 'sold', B: 'blocked' };
const MARK = { mine: 1, yours: 2, selected: 4, conflict: 8 };
/** What a seat's state is called in its name and tip ("available, selected"), in the page's language. */
function spoken(state) {
  return STATES.includes(state) || state === 'selected-blocked' ? t(`buyer.map.spoken.${state}`) : state;
}
const TIERS = 5;
const ROUNDED = typeof Path2D.prototype.roundRect === 'function';

export class SeatMap {
  /**
   * @param frame the element holding the canvas and the seat cursors
   * @param onToggle (seatId) => void, when the user picks or unpicks an available seat
   * @param onBlocked (seatId, state) => void, when the user picks a seat that cannot be chosen
   * @param onZoom (zoomed) => void, after the zoom changes
   * @param reservedBelow () => px the layout keeps free under the map (a docked bar), when fitting it to the window
   * @param selectable the seat states a pick selects (a buyer's: available; the organiser's block tool: blocked too)
   */
  constructor(frame, { onToggle, onBlocked, onZoom = () => {}, reservedBelow = () => 16, selectable = ['available'] }) {
    this.frame = frame;
    this.canvas = frame.querySelector('canvas');
    this.context = this.canvas.getContext('2d', { alpha: false });
    this.cursors = [...frame.querySelectorAll('.seat-cursor')];
    this.tip = frame.querySelector('.seat-tip');
    this.onToggle = onToggle;
    this.onBlocked = onBlocked;
    this.onZoom = onZoom;
    this.reservedBelow = reservedBelow;
    this.selectable = new Set(selectable);
    this.rows = [];
    this.columns = 0;
    this.marks = new Uint8Array(0);   // per seat (r * columns + c): MARK bits
    this.currency = '';
    this.selected = new Set();
    this.mine = new Set();
    this.yours = new Set();
    this.conflicts = new Set();
    this.cursorAt = null;          // {r, c}, 0-based
    this.view = null;              // {x, y, w, h} in hall units
    this.fitScale = 1;
    this.scale = 1;                // px per hall unit
    this.atFit = true;             // showing the whole hall: stays so when the frame changes size
    this.frameSize = { width: 0, height: 0 };
    this.readOnly = false;
    this.drawQueued = false;
    frame.seatMap = this;

    this.cursor = new SeatCursors(this.cursors, {
      activate: () => this.#activateCursor(),
      key: (event) => this.#onKey(event),
      position: (button) => this.#position(button),
      label: (button) => this.#labelCursor(button),
    });
    this.gestures = new MapGestures(this.canvas, {
      zoomed: () => this.zoomed,
      pan: (dx, dy) => this.#setView(this.scale, this.view.x - dx / this.scale, this.view.y - dy / this.scale),
      zoomAt: (factor, x, y) => this.view && this.#zoomAt(this.scale * factor, x, y),
      tap: (point, type) => this.view && this.#tap(point, type),
      hover: (point) => this.view && this.#hover(point),
      leave: () => { this.tip.hidden = true; },
    });
    new ResizeObserver(() => this.#layout()).observe(frame);
    window.addEventListener('resize', () => this.#layout());
  }

  // ---- data -------------------------------------------------------------------------------------------------

  get shown() {
    return this.rows.length > 0;
  }

  clear() {
    this.rows = [];
    this.columns = 0;
    this.marks = new Uint8Array(0);
    this.selected = new Set();
    this.mine = new Set();
    this.yours = new Set();
    this.conflicts = new Set();
    this.cursorAt = null;
    this.view = null;
    this.cursor.hide();
    this.tip.hidden = true;
    this.frame.style.height = '';
    this.frame.dataset.zoom = 'fit';
    this.canvas.width = 0;
    this.canvas.hidden = true;
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
      this.#describe();
      this.#placeCursor(false);
      this.#invalidate();
    }
  }

  setSelected(seatIds) {
    this.selected = this.#mark(MARK.selected, this.selected, seatIds);
  }

  setMine(seatIds) {
    this.mine = this.#mark(MARK.mine, this.mine, seatIds);
  }

  setYours(seatIds) {
    this.yours = this.#mark(MARK.yours, this.yours, seatIds);
  }

  /** Marks seats someone else just took, for a few seconds. */
  flash(seatIds, milliseconds = 4000) {
    const ids = [...seatIds];
    this.conflicts = this.#mark(MARK.conflict, this.conflicts, [...this.conflicts, ...ids]);
    setTimeout(() => {
      this.conflicts = this.#mark(MARK.conflict, this.conflicts, [...this.conflicts].filter((id) => !ids.includes(id)));
    }, milliseconds);
  }

  /** What the user sees for a seat: available, selected, mine, yours, reserved, sold or blocked (undefined: none). */
  stateOf(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    return this.#state(row - 1, column - 1);
  }

  /** Where a seat is drawn, in the page's client coordinates (null when the map has no such seat). */
  seatBox(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    if (!this.view || !this.rows[row - 1] || column < 1 || column > this.rows[row - 1].seats.length) {
      return null;
    }
    const inset = (UNIT - SEAT) / 2;
    return this.#clientBox(SIDE + (column - 1) * UNIT + inset, TOP + (row - 1) * UNIT + inset, SEAT, SEAT);
  }

  /** Where the stage is drawn, in client coordinates. */
  stageBox() {
    const stage = this.#stage();
    return this.view ? this.#clientBox(stage.x, stage.y, stage.width, stage.height) : null;
  }

  // ---- focus and zoom ---------------------------------------------------------------------------------------

  /** Says and draws the map again in the page's language now (its summary, the seat cursor's name, the stage). */
  retell() {
    if (this.shown) {
      this.#describe();
      this.#placeCursor(false);
      this.#invalidate();
    }
  }

  /** Moves keyboard focus to the seat cursor (the map's one tab stop). */
  focus() {
    if (!this.shown) {
      return false;
    }
    this.#placeCursor(false);
    this.cursor.current.focus();
    return true;
  }

  fit() {
    if (this.shown) {
      this.#layout(true);
    }
  }

  zoomBy(factor) {
    if (!this.view) {
      return;
    }
    const cursor = this.cursorAt && this.#cellCentrePx(this.cursorAt.r, this.cursorAt.c);
    const inView = cursor && cursor.x >= 0 && cursor.y >= 0 && cursor.x <= this.frameSize.width && cursor.y <= this.frameSize.height;
    const point = inView ? cursor : { x: this.frameSize.width / 2, y: this.frameSize.height / 2 };
    this.#zoomAt(this.scale * factor, point.x, point.y);
  }

  get zoomed() {
    return this.view !== null && !this.atFit;
  }

  // ---- building ---------------------------------------------------------------------------------------------

  #build(rows) {
    const started = performance.now();
    this.canvas.hidden = false;
    this.frame.seatMap = this;
    this.rows = rows;
    this.columns = rows.reduce((most, row) => Math.max(most, row.seats.length), 0);
    this.hall = { width: SIDE * 2 + this.columns * UNIT, height: TOP + rows.length * UNIT + BOTTOM };
    this.marks = new Uint8Array(rows.length * this.columns);
    for (const [bit, ids] of [[MARK.selected, this.selected], [MARK.mine, this.mine], [MARK.yours, this.yours], [MARK.conflict, this.conflicts]]) {
      ids.forEach((id) => this.#setMark(id, bit, true));
    }
    this.colours = this.#readColours();
    this.tiers = this.priceRanges();
    this.cursorAt = this.cursorAt && this.rows[this.cursorAt.r]?.seats[this.cursorAt.c] ? this.cursorAt : this.#startingSeat();
    this.view = null;
    this.#layout(true);
    this.#describe();
    this.#draw();
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

  #describe() {
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

  // ---- state ------------------------------------------------------------------------------------------------

  #state(r, c) {
    const row = this.rows[r];
    if (!row || c < 0 || c >= row.seats.length) {
      return undefined;
    }
    return this.#stateOfLetter(row.seats.charCodeAt(c), this.marks[r * this.columns + c]);
  }

  #stateOfLetter(code, marks) {
    // The page marks seats as mine only while its hold is ACTIVE: they are, whatever a map a moment old says.
    if (marks & MARK.mine) {
      return 'mine';
    }
    const raw = LETTERS[String.fromCharCode(code)] || 'reserved';   // A, R, S, B; an unknown letter is not free
    if (marks & MARK.yours && raw === 'sold') {
      return 'yours';
    }
    if (this.selectable.has(raw) && marks & MARK.selected) {
      return raw === 'available' ? 'selected' : 'selected-blocked';
    }
    return raw;
  }

  #mark(bit, before, after) {
    const next = new Set(after);
    before.forEach((id) => next.has(id) || this.#setMark(id, bit, false));
    next.forEach((id) => this.#setMark(id, bit, true));
    if (this.cursorAt && this.shown) {
      this.#labelCursor(this.cursor.current);
    }
    this.#invalidate();
    return next;
  }

  #setMark(id, bit, on) {
    const [row, column] = id.split('-').map(Number);
    if (row < 1 || row > this.rows.length || column < 1 || column > this.columns) {
      return;
    }
    const index = (row - 1) * this.columns + column - 1;
    this.marks[index] = on ? this.marks[index] | bit : this.marks[index] & ~bit;
  }

  // ---- drawing ----------------------------------------------------------------------------------------------

  #invalidate() {
    if (this.drawQueued || !this.view) {
      return;
    }
    this.drawQueued = true;
    requestAnimationFrame(() => this.#draw());
  }

  #stage() {
    const seatsWidth = this.columns * UNIT;
    const width = Math.min(seatsWidth, Math.max(seatsWidth * 0.6, 80));
    return { x: (this.hall.width - width) / 2, y: 2, width, height: STAGE };
  }

  /** Draws what the view shows: bands of price tiers, the stage, labels, the seats in view (one fill per colour). */
  #draw() {
    this.drawQueued = false;
    if (!this.view || !this.shown) {
      return;
    }
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
        painter.add(this.#stateOfLetter(seats.charCodeAt(c), marks), SIDE + (c + 0.5) * UNIT, y, (marks & MARK.conflict) !== 0);
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
          const state = this.#state(r, c);
          if (state === 'available' || state === 'reserved') {
            ctx.fillStyle = state === 'available' ? colours.mark : colours.label;
            ctx.fillText(String(c + 1), px(SIDE + (c + 0.5) * UNIT), py(TOP + (r + 0.5) * UNIT));
          }
        }
      }
    }
  }

  // ---- geometry ---------------------------------------------------------------------------------------------

  /**
   * Sizes the frame (the whole hall at once: as wide as the card allows and no taller than the window below the
   * frame's top), then fits the hall into it, or keeps the zoomed view's centre when `refit` is false.
   */
  #layout(refit = false) {
    if (!this.shown) {
      return;
    }
    const size = sizeFrame(this.frame, this.canvas, this.hall, this.reservedBelow, { ...this.frameSize, ratio: this.ratio });
    if (!size) {
      return;
    }
    const { width, height, ratio, changed } = size;
    this.frameSize = { width, height };
    this.ratio = ratio;
    this.fitScale = Math.min(width / this.hall.width, height / this.hall.height);
    if (refit || !this.view || this.atFit) {
      this.#setView(this.fitScale, (this.hall.width - width / this.fitScale) / 2, (this.hall.height - height / this.fitScale) / 2);
    } else if (changed) {
      const centre = { x: this.view.x + this.view.w / 2, y: this.view.y + this.view.h / 2 };
      const scale = Math.max(this.scale, this.fitScale);
      this.#setView(scale, centre.x - width / scale / 2, centre.y - height / scale / 2);
    }
    if (changed) {
      this.#draw();   // a resized canvas is blank until drawn
    }
  }

  /** Shows the hall from (x, y) at `scale` px per unit, kept inside the hall (centred where the hall is smaller). */
  #setView(scale, x, y) {
    const { width, height } = this.frameSize;
    const w = width / scale;
    const h = height / scale;
    const clamp = (value, size, hall) => (size >= hall ? (hall - size) / 2 : Math.max(0, Math.min(value, hall - size)));
    const wasZoomed = this.zoomed;
    this.scale = scale;
    this.atFit = scale <= this.fitScale * 1.001;
    this.view = { x: clamp(x, w, this.hall.width), y: clamp(y, h, this.hall.height), w, h };
    this.frame.dataset.zoom = this.zoomed ? 'zoomed' : 'fit';
    this.frame.dataset.cell = String(Math.round(UNIT * scale));
    this.#placeCursor(false);
    this.tip.hidden = true;
    this.#invalidate();
    if (wasZoomed !== this.zoomed) {
      this.onZoom(this.zoomed);
    }
  }

  #zoomAt(scale, px, py) {
    const target = Math.max(this.fitScale, Math.min(scale, MAX_CELL / UNIT));
    const ux = this.view.x + px / this.scale;
    const uy = this.view.y + py / this.scale;
    this.#setView(target, ux - px / target, uy - py / target);
  }

  /** The pixel centre of cell (r, c) within the frame. */
  #cellCentrePx(r, c) {
    return {
      x: (SIDE + (c + 0.5) * UNIT - this.view.x) * this.scale,
      y: (TOP + (r + 0.5) * UNIT - this.view.y) * this.scale,
    };
  }

  /** The cell under a point of the frame (px), or null: the whole cell counts, not just the drawn seat. */
  #cellAt(px, py) {
    const ux = this.view.x + px / this.scale;
    const uy = this.view.y + py / this.scale;
    const c = Math.floor((ux - SIDE) / UNIT);
    const r = Math.floor((uy - TOP) / UNIT);
    return r >= 0 && c >= 0 && r < this.rows.length && c < this.rows[r].seats.length ? { r, c } : null;
  }

  #clientBox(x, y, width, height) {
    const box = this.canvas.getBoundingClientRect();
    const left = box.left + (x - this.view.x) * this.scale;
    const top = box.top + (y - this.view.y) * this.scale;
    return { left, top, width: width * this.scale, height: height * this.scale, right: left + width * this.scale, bottom: top + height * this.scale };
  }

  // ---- the seat cursor --------------------------------------------------------------------------------------

  #labelCursor(button) {
    const { r, c } = this.cursorAt;
    const row = this.rows[r];
    const id = `${row.row}-${c + 1}`;
    const state = this.#state(r, c);
    const label = `${seatName(id)}, ${spoken(state)}, ${money(row.price, this.currency)}`.trim();
    if (button.getAttribute('aria-label') !== label) {
      button.setAttribute('aria-label', label);
    }
    button.dataset.seat = id;
    button.dataset.state = state;
    SeatCursors.choosable(button, this.#choosable(state) && !this.readOnly, state.startsWith('selected'));
  }

  /** Positions the cursor button over its seat; with `focus`, a move: the other button takes over. */
  #placeCursor(focus) {
    if (this.cursorAt && this.view) {
      this.cursor.place(focus);
    }
  }

  #position(button) {
    const { x, y } = this.#cellCentrePx(this.cursorAt.r, this.cursorAt.c);
    const size = Math.max(14, UNIT * this.scale);
    button.style.width = `${size}px`;
    button.style.height = `${size}px`;
    button.style.transform = `translate(${x - size / 2}px, ${y - size / 2}px)`;
  }

  /** Moves the cursor to (r, c) and focuses it; a zoomed map pans to keep it in view. */
  #moveCursor(r, c) {
    const lastRow = this.rows.length - 1;
    r = Math.max(0, Math.min(r, lastRow));
    c = Math.max(0, Math.min(c, this.rows[r].seats.length - 1));
    this.cursorAt = { r, c };
    if (this.zoomed) {
      const { x, y } = this.#cellCentrePx(r, c);
      const margin = UNIT * this.scale;
      const { width, height } = this.frameSize;
      if (x < margin || y < margin || x > width - margin || y > height - margin) {
        const ux = SIDE + (c + 0.5) * UNIT;
        const uy = TOP + (r + 0.5) * UNIT;
        this.#setView(this.scale, ux - this.view.w / 2, uy - this.view.h / 2);
      }
    }
    this.#placeCursor(true);
  }

  #activateCursor() {
    if (!this.cursorAt) {
      return;
    }
    this.#activate(this.cursorAt.r, this.cursorAt.c);
  }

  #activate(r, c) {
    const id = `${this.rows[r].row}-${c + 1}`;
    const state = this.#state(r, c);
    if (this.#choosable(state) && !this.readOnly) {
      this.onToggle(id);
    } else {
      this.onBlocked(id, state);
    }
  }

  /** A seat in this state can be picked (or unpicked): a selectable state, or one of them selected. */
  #choosable(state) {
    return state === 'selected' || state === 'selected-blocked' || this.selectable.has(state);
  }

  #onKey(event) {
    if (!this.cursorAt) {
      return;
    }
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
      case '+': case '=': event.preventDefault(); this.zoomBy(1.5); return;
      case '-': case '_': event.preventDefault(); this.zoomBy(1 / 1.5); return;
      default: return;
    }
    event.preventDefault();
    this.#moveCursor(r, c);
  }

  // ---- pointer ----------------------------------------------------------------------------------------------

  #tap(point, type) {
    const cell = this.#cellAt(point.x, point.y);
    const size = UNIT * this.scale;
    const needed = PICK_CELL[type] ?? PICK_CELL.touch;
    if (size + 0.01 < needed) {
      // too small to aim at: zoom in around the point, so that the next tap picks
      this.#zoomAt((type === 'mouse' ? MOUSE_CELL : TOUCH_CELL) / UNIT, point.x, point.y);
      if (cell) {
        this.cursorAt = cell;
        this.#placeCursor(false);
      }
      return;
    }
    if (cell) {
      this.cursorAt = cell;
      this.#placeCursor(false);
      this.#activate(cell.r, cell.c);
    }
  }

  #hover(point) {
    const cell = this.#cellAt(point.x, point.y);
    if (!cell) {
      this.tip.hidden = true;
      return;
    }
    const row = this.rows[cell.r];
    const state = this.#state(cell.r, cell.c);
    this.tip.textContent = `${seatName(`${row.row}-${cell.c + 1}`)} · ${money(row.price, this.currency)} · ${spoken(state)}`;
    const { x, y } = this.#cellCentrePx(cell.r, cell.c);
    this.tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y - UNIT * this.scale / 2 - 6)}px) translate(-50%, -100%)`;
    this.tip.hidden = false;
  }
}
