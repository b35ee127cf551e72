// What both seat maps share (the rectangle of seatmap.js and the venue plan of planmap.js): the view of the hall
// and its zoom, the marks the page sets on seats (selected, held by you, your ticket, just taken), the keyboard's
// seat cursor and the pointer. A map says what its seats are and where (a seat is a "key": {r, c} for the
// rectangle, an index for a plan) and draws them; this class does the rest the same way for both.
//
// A map subclass provides: `shown`; `hall` {x, y, width, height} and `pitch` (units between neighbouring seats) once
// built; `centreOf(key)` (units), `seatAt(ux, uy)` (the key there, or null), `stateAt(key)`, `idOf(key)`,
// `nameOf(key)` (what the seat cursor and the tip say), `keyOf(seatId)`, `setMark(id, bit, on)`, `nextKey(event)`
// (the key an arrow, Page or Home / End key moves to), `draw()`, `describe()`; and may override `marksChanged()`,
// `viewChanged()`, `resized()`.

import { t } from './i18n.js';
import { MapGestures, SeatCursors } from './map-controls.js';
import { sizeFrame, STATES } from './seat-marks.js';

export const MARK = { mine: 1, yours: 2, selected: 4, conflict: 8 };
const PICK_PX = { touch: 40, pen: 24, mouse: 10 };   // a seat pitch this wide on screen can be aimed at
const TAP_PITCH_PX = 52;                              // what a tap on too small a seat zooms to (a seat >= 40 px)
const CLICK_PITCH_PX = 24;
const MAX_PITCH_PX = 110;
const LETTERS = { A: 'available', R: 'reserved', S: 'sold', B: 'blocked' };

/** What a seat's state is called in its name and tip ("available, selected"), in the page's language. */
export function spoken(state) {
  return STATES.includes(state) || state === 'selected-blocked' ? t(`buyer.map.spoken.${state}`) : state;
}

/**
 * What the user sees for a seat of compact-map letter `code` (A, R, S, B) with the page's `marks` on it: available,
 * selected (or selected-blocked, the organiser's tool), mine, yours, reserved, sold or blocked.
 */
export function seatState(code, marks, selectable) {
  // The page marks seats as mine only while its hold is ACTIVE: they are, whatever a map a moment old says.
  if (marks & MARK.mine) {
    return 'mine';
  }
  const raw = LETTERS[String.fromCharCode(code)] || 'reserved';   // an unknown letter is not free
  if (marks & MARK.yours && raw === 'sold') {
    return 'yours';
  }
  if (selectable.has(raw) && marks & MARK.selected) {
    return raw === 'available' ? 'selected' : 'selected-blocked';
  }
  return raw;
}

export class MapView {
  /**
   * @param frame the element holding the canvas, the seat cursors and the tip
   * @param onToggle (seatId) => void, when the user picks or unpicks an available seat
   * @param onBlocked (seatId, state) => void, when the user picks a seat that cannot be chosen
   * @param onZoom (zoomed) => void, after the zoom changes
   * @param reservedBelow () => px the layout keeps free under the map (a docked bar), when fitting it to the window
   * @param selectable the seat states a pick selects (a buyer's: available; the organiser's block tool: blocked too)
   */
  constructor(frame, { canvas, cursors, tip }, { onToggle, onBlocked, onZoom = () => {}, reservedBelow = () => 16, selectable = ['available'] }) {
    this.frame = frame;
    this.canvas = canvas;
    this.context = canvas.getContext('2d', { alpha: false });
    this.cursors = cursors;
    this.tip = tip;
    this.onToggle = onToggle;
    this.onBlocked = onBlocked;
    this.onZoom = onZoom;
    this.reservedBelow = reservedBelow;
    this.selectable = new Set(selectable);
    this.currency = '';
    this.selected = new Set();
    this.mine = new Set();
    this.yours = new Set();
    this.conflicts = new Set();
    this.cursorAt = null;          // the key of the seat under the keyboard's cursor
    this.view = null;              // {x, y, w, h} in hall units
    this.fitScale = 1;
    this.scale = 1;                // px per hall unit
    this.atFit = true;             // showing the whole hall: stays so when the frame changes size
    this.frameSize = { width: 0, height: 0 };
    this.ratio = 1;
    this.readOnly = false;
    this.drawQueued = false;
    this.cursor = new SeatCursors(cursors, {
      activate: () => this.cursorAt !== null && this.activate(this.cursorAt),
      key: (event) => this.onKey(event),
      position: (button) => this.position(button),
      label: (button) => this.labelCursor(button),
    });
    this.gestures = new MapGestures(canvas, {
      zoomed: () => this.zoomed,
      pan: (dx, dy) => this.setView(this.scale, this.view.x - dx / this.scale, this.view.y - dy / this.scale),
      zoomAt: (factor, x, y) => this.view && this.zoomAt(this.scale * factor, x, y),
      tap: (point, type) => this.view && this.tap(point, type),
      hover: (point) => this.view && this.hover(point),
      leave: () => { this.tip.hidden = true; },
    });
    new ResizeObserver(() => this.layout()).observe(frame);
    window.addEventListener('resize', () => this.layout());
  }

  get zoomed() {
    return this.view !== null && !this.atFit;
  }

  /** The part of the hall shown, in its units: {x, y, w, h} (null before the map is shown). */
  viewBox() {
    return this.view && { ...this.view };
  }

  /** Forgets the marks, the cursor and the view (the subclass forgets its seats). */
  forget() {
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
    this.canvas.hidden = true;
  }

  // ---- marks ------------------------------------------------------------------------------------------------

  setSelected(seatIds) {
    this.selected = this.mark(MARK.selected, this.selected, seatIds);
  }

  setMine(seatIds) {
    this.mine = this.mark(MARK.mine, this.mine, seatIds);
  }

  setYours(seatIds) {
    this.yours = this.mark(MARK.yours, this.yours, seatIds);
  }

  /** Marks seats someone else just took, for a few seconds. */
  flash(seatIds, milliseconds = 4000) {
    const ids = [...seatIds];
    this.conflicts = this.mark(MARK.conflict, this.conflicts, [...this.conflicts, ...ids]);
    setTimeout(() => {
      this.conflicts = this.mark(MARK.conflict, this.conflicts, [...this.conflicts].filter((id) => !ids.includes(id)));
    }, milliseconds);
  }

  /** Sets the page's marks again on a map just built. */
  remark() {
    for (const [bit, ids] of [[MARK.selected, this.selected], [MARK.mine, this.mine], [MARK.yours, this.yours], [MARK.conflict, this.conflicts]]) {
      ids.forEach((id) => this.setMark(id, bit, true));
    }
  }

  mark(bit, before, after) {
    const next = new Set(after);
    if (this.shown) {
      before.forEach((id) => next.has(id) || this.setMark(id, bit, false));
      next.forEach((id) => this.setMark(id, bit, true));
      if (this.cursorAt !== null) {
        this.labelCursor(this.cursor.current);
      }
    }
    this.marksChanged();
    this.invalidate();
    return next;
  }

  marksChanged() {}

  viewChanged() {}

  resized() {}

  /** The seats' states changed: said, named and drawn again. */
  changed() {
    this.describe();
    this.placeCursor(false);
    this.invalidate();
  }

  // ---- focus and zoom ---------------------------------------------------------------------------------------

  /** Says and draws the map again in the page's language now (its summary, the seat cursor's name, the stage). */
  retell() {
    if (this.shown) {
      this.changed();
    }
  }

  /** Moves keyboard focus to the seat cursor (the map's one tab stop). */
  focus() {
    if (!this.shown) {
      return false;
    }
    this.placeCursor(false);
    this.cursor.current.focus();
    return true;
  }

  fit() {
    if (this.shown) {
      this.layout(true);
    }
  }

  zoomBy(factor) {
    if (!this.view) {
      return;
    }
    const cursor = this.cursorAt !== null && this.seatPx(this.cursorAt);
    const inView = cursor && cursor.x >= 0 && cursor.y >= 0 && cursor.x <= this.frameSize.width && cursor.y <= this.frameSize.height;
    const point = inView ? cursor : { x: this.frameSize.width / 2, y: this.frameSize.height / 2 };
    this.zoomAt(this.scale * factor, point.x, point.y);
  }

  // ---- drawing and geometry ---------------------------------------------------------------------------------

  invalidate() {
    if (this.drawQueued || !this.view) {
      return;
    }
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      if (this.view && this.shown) {
        this.draw();
      }
    });
  }

  /**
   * Sizes the frame (the whole hall at once: as wide as the card allows and no taller than the window below the
   * frame's top), then fits the hall into it, or keeps the zoomed view's centre when `refit` is false.
   */
  layout(refit = false) {
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
    const hall = this.hall;
    this.fitScale = Math.min(width / hall.width, height / hall.height);
    if (refit || !this.view || this.atFit) {
      this.setView(this.fitScale, hall.x - (width / this.fitScale - hall.width) / 2, hall.y - (height / this.fitScale - hall.height) / 2);
    } else if (changed) {
      const centre = { x: this.view.x + this.view.w / 2, y: this.view.y + this.view.h / 2 };
      const scale = Math.max(this.scale, this.fitScale);
      this.setView(scale, centre.x - width / scale / 2, centre.y - height / scale / 2);
    }
    if (changed) {
      this.resized();
      this.draw();   // a resized canvas is blank until drawn
    }
  }

  /** Shows the hall from (x, y) at `scale` px per unit, kept inside the hall (centred where the hall is smaller). */
  setView(scale, x, y) {
    const { width, height } = this.frameSize;
    const w = width / scale;
    const h = height / scale;
    const hall = this.hall;
    const clamp = (value, size, start, length) => (size >= length ? start - (size - length) / 2
      : Math.max(start, Math.min(value, start + length - size)));
    const wasZoomed = this.zoomed;
    this.scale = scale;
    this.atFit = scale <= this.fitScale * 1.001;
    this.view = { x: clamp(x, w, hall.x, hall.width), y: clamp(y, h, hall.y, hall.height), w, h };
    this.frame.dataset.zoom = this.zoomed ? 'zoomed' : 'fit';
    this.frame.dataset.cell = String(Math.round(this.pitch * scale));
    this.placeCursor(false);
    this.tip.hidden = true;
    this.invalidate();
    this.viewChanged();
    if (wasZoomed !== this.zoomed) {
      this.onZoom(this.zoomed);
    }
  }

  zoomAt(scale, px, py) {
    const target = Math.max(this.fitScale, Math.min(scale, Math.max(this.fitScale, MAX_PITCH_PX / this.pitch)));
    const ux = this.view.x + px / this.scale;
    const uy = this.view.y + py / this.scale;
    this.setView(target, ux - px / target, uy - py / target);
  }

  /** Where a seat's centre is within the frame, in px. */
  seatPx(key) {
    const { x, y } = this.centreOf(key);
    return { x: (x - this.view.x) * this.scale, y: (y - this.view.y) * this.scale };
  }

  /** A box of the hall (units) in the page's client coordinates. */
  clientBox(x, y, width, height) {
    const box = this.canvas.getBoundingClientRect();
    const left = box.left + (x - this.view.x) * this.scale;
    const top = box.top + (y - this.view.y) * this.scale;
    return { left, top, width: width * this.scale, height: height * this.scale, right: left + width * this.scale, bottom: top + height * this.scale };
  }

  // ---- the seat cursor --------------------------------------------------------------------------------------

  labelCursor(button) {
    const key = this.cursorAt;
    const state = this.stateAt(key);
    const label = this.nameOf(key);
    if (button.getAttribute('aria-label') !== label) {
      button.setAttribute('aria-label', label);
    }
    button.dataset.seat = this.idOf(key);
    button.dataset.state = state;
    SeatCursors.choosable(button, this.choosable(state) && !this.readOnly, state.startsWith('selected'));
  }

  /** Positions the cursor button over its seat; with `focus`, a move: the other button takes over. */
  placeCursor(focus) {
    if (this.cursorAt !== null && this.view && this.shown) {
      this.cursor.place(focus);
    }
  }

  position(button) {
    const { x, y } = this.seatPx(this.cursorAt);
    const size = Math.max(14, this.pitch * this.scale);
    button.style.width = `${size}px`;
    button.style.height = `${size}px`;
    button.style.transform = `translate(${x - size / 2}px, ${y - size / 2}px)`;
  }

  /** Moves the cursor to a seat and focuses it; a zoomed map pans to keep it in view. */
  moveCursor(key) {
    this.cursorAt = key;
    if (this.zoomed) {
      const { x, y } = this.seatPx(key);
      const margin = this.pitch * this.scale;
      const { width, height } = this.frameSize;
      if (x < margin || y < margin || x > width - margin || y > height - margin) {
        const centre = this.centreOf(key);
        this.setView(this.scale, centre.x - this.view.w / 2, centre.y - this.view.h / 2);
      }
    }
    this.placeCursor(true);
  }

  activate(key) {
    const id = this.idOf(key);
    const state = this.stateAt(key);
    if (this.choosable(state) && !this.readOnly) {
      this.onToggle(id);
    } else {
      this.onBlocked(id, state);
    }
  }

  /** A seat in this state can be picked (or unpicked): a selectable state, or one of them selected. */
  choosable(state) {
    return state === 'selected' || state === 'selected-blocked' || this.selectable.has(state);
  }

  onKey(event) {
    if (this.cursorAt === null) {
      return;
    }
    if (event.key === '+' || event.key === '=' || event.key === '-' || event.key === '_') {
      event.preventDefault();
      this.zoomBy(event.key === '+' || event.key === '=' ? 1.5 : 1 / 1.5);
      return;
    }
    const next = this.nextKey(event);
    if (next !== undefined && next !== null) {
      event.preventDefault();
      this.moveCursor(next);
    }
  }

  // ---- pointer ----------------------------------------------------------------------------------------------

  /** A click or tap picks the seat there when seats are big enough to aim at; else it zooms in around the point. */
  tap(point, type) {
    const key = this.seatAt(this.view.x + point.x / this.scale, this.view.y + point.y / this.scale);
    if (this.pitch * this.scale + 0.01 < (PICK_PX[type] ?? PICK_PX.touch)) {
      this.zoomAt((type === 'mouse' ? CLICK_PITCH_PX : TAP_PITCH_PX) / this.pitch, point.x, point.y);
      if (key !== null) {
        this.cursorAt = key;
        this.placeCursor(false);
      }
      return;
    }
    if (key !== null) {
      this.cursorAt = key;
      this.placeCursor(false);
      this.activate(key);
    }
  }

  hover(point) {
    const key = this.seatAt(this.view.x + point.x / this.scale, this.view.y + point.y / this.scale);
    if (key === null) {
      this.tip.hidden = true;
      return;
    }
    this.tip.textContent = this.tipOf(key);
    const { x, y } = this.seatPx(key);
    this.tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y - this.pitch * this.scale / 2 - 6)}px) translate(-50%, -100%)`;
    this.tip.hidden = false;
  }

  tipOf(key) {
    return this.nameOf(key);
  }
}
