// The seat map of an event on a venue plan: the hall as the plan draws it (`GET /events/{id}/plan`: sections, rows
// of any shape, seats at their positions, categories, the stage or focal point, wheelchair places, companion seats,
// restricted views), with the seats' states from the compact map (`?format=compact`: one letter per seat, row by
// row in the plan's order). The same promises as the rectangle's map (seatmap.js) and the same public methods, so
// the page drives either; the view, zoom, marks, seat cursor and pointer are theirs in common (map-view.js):
//
// - One canvas, one pass over the seats in view, one fill per colour (a category's free seats, each state): a
//   20,000-seat plan is drawn in tens of milliseconds and nothing in the page grows with the number of seats.
// - States are told by shape as well as colour (seat-marks.js); a free seat is a circle in its category's colour,
//   darkened where needed to 3:1 against the map. Wheelchair places, companion seats and restricted views carry
//   a white symbol once seats are big enough on screen to show one.
// - Sections are drawn as a light area with their name; row labels sit beside each row's ends and, when zoomed,
//   stay pinned to the map's left edge while any of the row is in view.
// - Zoom: +, −, Fit, Ctrl + wheel, pinch, + and − on the keyboard; drag to pan. When zoomed, an overview of the
//   whole hall in the corner marks the part shown; a click or drag on it moves there.
// - A price filter (`setMaxPrice`) dims the free seats above it; they stay pickable.
// - Keyboard: the map is one tab stop, a <button> over the current seat named like "Stalls, Row A, Seat 3,
//   available, €45.00, wheelchair place"; Left / Right move along the row, Up / Down to the row before or after
//   (the seat nearest across), Page Up / Page Down five rows, Home / End the row's ends, Enter or Space picks.

import { money } from './util.js';
import { lang, t, tn } from './i18n.js';
import { readSeatColours, SeatPainter, seatColour } from './seat-marks.js';
import { MapView, MARK, seatState, spoken } from './map-view.js';

const FLAG = { wheelchair: 1, companion: 2, restricted: 4 };
const SYMBOLS_FROM_PX = 11;                           // seat width on screen from which flags get a symbol
const OVERVIEW_PX = 150;                              // the overview's longer side

export class PlanMap extends MapView {
  /** The options are MapView's (map-view.js); the map makes its own canvas, seat cursors, overview and tip in the frame. */
  constructor(frame, options) {
    const make = (tag, attributes) => Object.assign(document.createElement(tag), attributes);
    const canvas = make('canvas', { className: 'seat-canvas plan-canvas', hidden: true });
    const cursors = [0, 1].map((i) => make('button', { type: 'button', className: 'seat-cursor', tabIndex: i === 0 ? 0 : -1, hidden: true }));
    const tip = make('div', { className: 'seat-tip', hidden: true });
    const overview = make('canvas', { className: 'plan-overview', hidden: true });
    for (const element of [canvas, tip, overview]) {
      element.setAttribute('aria-hidden', 'true');
    }
    frame.append(canvas, ...cursors, overview, tip);
    super(frame, { canvas, cursors, tip }, options);
    this.overview = overview;
    this.plan = null;
    this.letters = new Uint8Array(0);
    this.rowTexts = [];
    this.prices = new Map();      // category name -> decimal string
    this.maxPrice = null;
    this.pitch = 10;
    const toOverview = (event) => {
      if (event.type === 'pointerdown' || event.buttons) {
        event.preventDefault();
        this.#centreFromOverview(event);
      }
    };
    overview.addEventListener('pointerdown', (event) => {
      overview.setPointerCapture?.(event.pointerId);
      toOverview(event);
    });
    overview.addEventListener('pointermove', toOverview);
  }

  // ---- data -------------------------------------------------------------------------------------------------

  get shown() {
    return this.plan !== null && this.rowTexts.length > 0;
  }

  clear() {
    this.plan = null;
    this.rowTexts = [];
    this.letters = new Uint8Array(0);
    this.maxPrice = null;
    this.overview.hidden = true;
    this.forget();
  }

  setPlan(plan) {
    this.clear();
    const rows = plan.rows || [];
    const count = rows.reduce((sum, row) => sum + row.seats.length, 0);
    const categories = (plan.categories || []).map((category) => category.name);
    const categoryIndex = new Map(categories.map((name, i) => [name, i]));
    const xs = new Float64Array(count);
    const ys = new Float64Array(count);
    const category = new Uint16Array(count);
    const flags = new Uint8Array(count);
    const rowOf = new Uint32Array(count);
    const ids = new Array(count);
    const index = new Map();
    const rowStart = new Uint32Array(rows.length + 1);
    let i = 0;
    rows.forEach((row, r) => {
      rowStart[r] = i;
      for (const seat of row.seats) {
        xs[i] = seat.x;
        ys[i] = seat.y;
        let c = categoryIndex.get(seat.category);
        if (c === undefined) {
          c = categories.length;
          categories.push(seat.category);
          categoryIndex.set(seat.category, c);
        }
        category[i] = c;
        flags[i] = (seat.wheelchair ? FLAG.wheelchair : 0) | (seat.companion ? FLAG.companion : 0) | (seat.restrictedView ? FLAG.restricted : 0);
        rowOf[i] = r;
        ids[i] = seat.id;
        index.set(seat.id, i);
        i++;
      }
    });
    rowStart[rows.length] = i;
    this.plan = plan;
    this.seats = { count, xs, ys, category, flags, rowOf, ids, index, rowStart };
    this.categoryNames = categories;
    this.pitch = pitchOf(xs, ys, rowStart);
    this.size = this.pitch * 0.8;
    this.marks = new Uint8Array(count);
    this.#shapeHall();
    this.frame.seatMap = this;
  }

  /** Shows a compact map: `{currency, categoryPrices, rows:[{row, seats}]}`, one letter per seat of the plan's row. */
  update(map) {
    if (!this.plan) {
      return;
    }
    this.currency = map.currency || '';
    this.prices = new Map((map.categoryPrices || []).map((entry) => [entry.category, entry.price]));
    const first = this.rowTexts.length === 0;
    const { rowStart } = this.seats;
    if (first) {
      this.letters = new Uint8Array(this.seats.count).fill(82);   // 'R': a seat the map has not told about is not free
    }
    let changed = false;
    const texts = [];
    this.plan.rows.forEach((row, r) => {
      const text = map.rows[r]?.seats ?? '';
      texts.push(text);
      if (text === this.rowTexts[r]) {
        return;
      }
      changed = true;
      const length = rowStart[r + 1] - rowStart[r];
      for (let k = 0; k < length; k++) {
        this.letters[rowStart[r] + k] = k < text.length ? text.charCodeAt(k) : 82;
      }
    });
    this.rowTexts = texts;
    if (first) {
      this.#build();
    } else if (changed) {
      this.overviewImage = null;
      this.changed();
    }
  }

  /** The status letter of a seat now (A, R, S or B), or undefined for a seat the plan does not have. */
  status(seatId) {
    const i = this.seats?.index.get(seatId);
    return i === undefined || !this.shown ? undefined : String.fromCharCode(this.letters[i]);
  }

  priceOf(seatId) {
    const i = this.seats?.index.get(seatId);
    return i === undefined ? undefined : this.prices.get(this.categoryNames[this.seats.category[i]]);
  }

  /** The plan's categories with their colour on the map and current price: [{name, colour, price}]. */
  categories() {
    return this.categoryNames.map((name, i) => ({ name, colour: this.colours?.categories[i], price: this.prices.get(name) }));
  }

  /** "Stalls, Row A, Seat 3" ("Platea, Fila A, Posto 3" is the plan's own text), or null for another seat. */
  seatLabel(seatId) {
    const i = this.seats?.index.get(seatId);
    if (i === undefined) {
      return null;
    }
    const row = this.plan.rows[this.seats.rowOf[i]];
    const seat = row.seats[i - this.seats.rowStart[this.seats.rowOf[i]]];
    // a row label that names its section already ("Stalls, row A") is not told the section again
    const named = !row.section || String(row.label ?? '').startsWith(row.section);
    return named ? t('common.planSeat.noSection', { row: row.label ?? '', seat: seat.seat ?? '' })
      : t('common.planSeat', { section: row.section, row: row.label ?? '', seat: seat.seat ?? '' });
  }

  /** The order seats are listed in: the plan's own. */
  compare(a, b) {
    return (this.seats?.index.get(a) ?? Infinity) - (this.seats?.index.get(b) ?? Infinity);
  }

  /** Dims the free seats costing more than `price` (a decimal string; null shows every seat plainly). */
  setMaxPrice(price) {
    this.maxPrice = price === null || price === '' ? null : Number(price);
    this.invalidate();
  }


  stateOf(seatId) {
    const i = this.seats?.index.get(seatId);
    return i === undefined || !this.shown ? undefined : this.stateAt(i);
  }

  /** The seat's flags: {wheelchair, companion, restrictedView}, or null. */
  flagsOf(seatId) {
    const i = this.seats?.index.get(seatId);
    if (i === undefined) {
      return null;
    }
    const f = this.seats.flags[i];
    return { wheelchair: (f & FLAG.wheelchair) !== 0, companion: (f & FLAG.companion) !== 0, restrictedView: (f & FLAG.restricted) !== 0 };
  }

  /** Whether a free seat is dimmed by the price filter. */
  dimmed(seatId) {
    const i = this.seats?.index.get(seatId);
    return i !== undefined && this.#dimmed(i);
  }

  /** Where a seat is drawn, in client coordinates (null when the plan has no such seat). */
  seatBox(seatId) {
    const i = this.seats?.index.get(seatId);
    if (i === undefined || !this.view) {
      return null;
    }
    const h = this.size / 2;
    return this.clientBox(this.seats.xs[i] - h, this.seats.ys[i] - h, this.size, this.size);
  }

  stageBox() {
    const s = this.stage;
    return this.view && s ? this.clientBox(s.x, s.y, s.width, s.height) : null;
  }

  /** The overview's box and the part of it marked as shown, in client coordinates; null when not shown. */
  overviewBox() {
    if (this.overview.hidden || !this.view) {
      return null;
    }
    const box = this.overview.getBoundingClientRect();
    const k = box.width / this.hall.width;
    const mark = { left: box.left + (this.view.x - this.hall.x) * k, top: box.top + (this.view.y - this.hall.y) * k,
      width: this.view.w * k, height: this.view.h * k };
    return { left: box.left, top: box.top, width: box.width, height: box.height, right: box.right, bottom: box.bottom, mark };
  }

  // ---- building ---------------------------------------------------------------------------------------------

  /** The hall's box (seats, stage, labels), the stage, the sections' areas and label places, the rows' ends. */
  #shapeHall() {
    const { xs, ys, count, rowStart } = this.seats;
    const p = this.pitch;
    let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
    for (let i = 0; i < count; i++) {
      minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
      minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
    }
    if (count === 0) {
      minX = 0; minY = 0; maxX = this.plan.width || 100; maxY = this.plan.height || 100;
    }
    // the stage: around the focal point, in the clearing it leaves (the space to the nearest seat)
    const focal = this.plan.focalPoint || { x: (minX + maxX) / 2, y: minY - 4 * p };
    let nearest = Infinity;
    for (let i = 0; i < count; i++) {
      nearest = Math.min(nearest, Math.hypot(xs[i] - focal.x, ys[i] - focal.y));
    }
    const inside = focal.x > minX && focal.x < maxX && focal.y > minY && focal.y < maxY;
    const width = inside ? Math.max(p * 2, nearest * 1.1) : Math.max(p * 4, Math.min((maxX - minX) * 0.45, nearest * 2.5));
    const height = inside ? Math.max(p * 1.5, nearest * 0.7) : Math.max(p * 1.5, Math.min(p * 3, nearest * 0.9));
    this.stage = { x: focal.x - width / 2, y: focal.y - height / 2, width, height, focal };
    // sections: an area following their rows (each row a thick line through its seats, broken at gaps, so that
    // curved rows and aisles keep their shape) and their name in front of their first row's middle, towards the stage
    this.areas = new Path2D();
    const sections = new Map();
    this.plan.rows.forEach((row, r) => {
      const from = rowStart[r];
      const to = rowStart[r + 1];
      if (!row.section || to === from) {
        return;
      }
      for (let i = from; i < to; i++) {
        const jump = i === from || Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]) > p * 1.8;
        if (jump) {
          this.areas.moveTo(xs[i], ys[i]);
        }
        this.areas.lineTo(xs[i] + (jump && (i + 1 === to || Math.hypot(xs[i + 1] - xs[i], ys[i + 1] - ys[i]) > p * 1.8) ? 0.01 : 0), ys[i]);
      }
      if (!sections.has(row.section)) {
        const middle = from + Math.floor((to - from) / 2);
        const dx = focal.x - xs[middle];
        const dy = focal.y - ys[middle];
        const d = Math.hypot(dx, dy) || 1;
        sections.set(row.section, { name: row.section, x: xs[middle] + dx / d * p * 1.5, y: ys[middle] + dy / d * p * 1.5 });
      }
    });
    this.sections = [...sections.values()];
    // rows: the seat at each end (for their labels)
    this.rowEnds = this.plan.rows.map((row, r) => {
      let left = rowStart[r];
      let right = rowStart[r];
      for (let i = rowStart[r]; i < rowStart[r + 1]; i++) {
        if (xs[i] < xs[left]) left = i;
        if (xs[i] > xs[right]) right = i;
      }
      return { left, right, empty: rowStart[r + 1] === rowStart[r] };
    });
    const pad = p * 2.2;
    const x0 = Math.min(minX - pad, this.stage.x - p);
    const y0 = Math.min(minY - pad, this.stage.y - p);
    const x1 = Math.max(maxX + pad, this.stage.x + width + p);
    const y1 = Math.max(maxY + p * 1.2, this.stage.y + height + p);
    this.hall = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  #build() {
    const started = performance.now();
    this.canvas.hidden = false;
    this.frame.seatMap = this;
    const base = readSeatColours(this.frame);
    const css = getComputedStyle(this.frame);
    const area = css.getPropertyValue('--section-area').trim() || '#eef1f5';
    this.colours = {
      ...base,
      area,
      areaLine: css.getPropertyValue('--line').trim() || '#d9dde3',
      // a category's colour, darkened where needed to 3:1 against the section areas (the darker of the two backgrounds)
      categories: this.categoryNames.map((name, i) => seatColour(this.plan.categories?.[i]?.color, i, area)),
    };
    this.remark();
    this.cursorAt = this.#startingSeat();
    this.overviewImage = null;
    this.view = null;
    this.layout(true);
    this.describe();
    this.draw();
    performance.measure('planmap-build', { start: started, end: performance.now() });
    requestAnimationFrame(() => requestAnimationFrame(() => {
      performance.measure('planmap-paint', { start: started, end: performance.now() });
    }));
  }

  /** The free seat nearest the stage that is not a wheelchair place, else the first seat. */
  #startingSeat() {
    const { xs, ys, count, flags } = this.seats;
    const focal = this.stage.focal;
    let best = null;
    let bestDistance = Infinity;
    for (let i = 0; i < count; i++) {
      if (this.letters[i] === 65 && !(flags[i] & FLAG.wheelchair)) {
        const d = Math.hypot(xs[i] - focal.x, ys[i] - focal.y);
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
    }
    return best ?? (this.seats.count > 0 ? 0 : null);
  }

  describe() {
    let available = 0;
    for (let i = 0; i < this.seats.count; i++) {
      if (this.letters[i] === 65) {
        available++;
      }
    }
    const summary = document.getElementById('map-summary');
    if (summary) {
      summary.textContent = tn('buyer.plan.summary', available, { name: this.plan.name || '',
        sections: this.sections.length, available: available.toLocaleString(lang()), seats: this.seats.count.toLocaleString(lang()) });
    }
  }

  // ---- seats, for MapView: a seat's key is its index in the plan's order ------------------------------------

  stateAt(i) {
    return seatState(this.letters[i], this.marks[i], this.selectable);
  }

  idOf(i) {
    return this.seats.ids[i];
  }

  centreOf(i) {
    return { x: this.seats.xs[i], y: this.seats.ys[i] };
  }

  setMark(id, bit, on) {
    const i = this.seats.index.get(id);
    if (i !== undefined) {
      this.marks[i] = on ? this.marks[i] | bit : this.marks[i] & ~bit;
    }
  }

  marksChanged() {
    this.overviewImage = null;
  }

  viewChanged() {
    this.#drawOverview();
  }

  resized() {
    this.overviewImage = null;
  }

  #dimmed(i) {
    if (this.maxPrice === null) {
      return false;
    }
    const price = this.prices.get(this.categoryNames[this.seats.category[i]]);
    return price !== undefined && Number(price) > this.maxPrice;
  }


  /** The seat at a point of the hall: the nearest within two thirds of a seat pitch, or null. */
  seatAt(ux, uy) {
    const { xs, ys, count } = this.seats;
    const reach = this.pitch * 0.66;
    let best = null;
    let bestDistance = reach * reach;
    for (let i = 0; i < count; i++) {
      const dx = xs[i] - ux;
      const dy = ys[i] - uy;
      if (dx > -reach && dx < reach && dy > -reach && dy < reach) {
        const d = dx * dx + dy * dy;
        if (d <= bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
    }
    return best;
  }

  nameOf(i) {
    const id = this.seats.ids[i];
    const state = this.stateAt(i);
    const f = this.seats.flags[i];
    const parts = [this.seatLabel(id), spoken(state), money(this.priceOf(id) ?? '', this.currency)];
    if (f & FLAG.wheelchair) parts.push(t('buyer.map.spoken.wheelchair'));
    if (f & FLAG.companion) parts.push(t('buyer.map.spoken.companion'));
    if (f & FLAG.restricted) parts.push(t('buyer.map.spoken.restricted'));
    return parts.filter(Boolean).join(', ');
  }


  #nearestInRow(r, x) {
    const { xs, rowStart } = this.seats;
    let best = null;
    for (let i = rowStart[r]; i < rowStart[r + 1]; i++) {
      if (best === null || Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
        best = i;
      }
    }
    return best;
  }


  /** Left / Right along the row, Up / Down the row before or after (the seat nearest across), Page Up / Down five rows, Home / End. */
  nextKey(event) {
    const { rowOf, rowStart, xs } = this.seats;
    const i = this.cursorAt;
    const r = rowOf[i];
    const rows = this.plan.rows.length;
    const toRow = (step) => {
      // the next row in that direction that has seats
      for (let next = r + step; next >= 0 && next < rows; next += Math.sign(step)) {
        if (rowStart[next + 1] > rowStart[next]) {
          return this.#nearestInRow(next, xs[i]);
        }
        if (Math.abs(step) > 1) break;
      }
      const clamped = Math.max(0, Math.min(rows - 1, r + step));
      return rowStart[clamped + 1] > rowStart[clamped] ? this.#nearestInRow(clamped, xs[i]) : i;
    };
    switch (event.key) {
      case 'ArrowRight': return Math.min(i + 1, rowStart[r + 1] - 1);
      case 'ArrowLeft': return Math.max(i - 1, rowStart[r]);
      case 'ArrowDown': return toRow(1);
      case 'ArrowUp': return toRow(-1);
      case 'PageDown': return toRow(5);
      case 'PageUp': return toRow(-5);
      case 'Home': return event.ctrlKey ? 0 : rowStart[r];
      case 'End': return event.ctrlKey ? this.seats.count - 1 : rowStart[r + 1] - 1;
      default: return undefined;
    }
  }

  // ---- drawing ----------------------------------------------------------------------------------------------

  draw() {
    const ctx = this.context;
    const colours = this.colours;
    const k = this.ratio * this.scale;
    const p = this.pitch;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(k, 0, 0, k, -this.view.x * k, -this.view.y * k);

    // the sections' areas (outlined: drawn wider in the line colour first), then the stage
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = colours.areaLine;
    ctx.lineWidth = p * 1.45 + 2 / this.scale;
    ctx.stroke(this.areas);
    ctx.strokeStyle = colours.area;
    ctx.lineWidth = p * 1.45;
    ctx.stroke(this.areas);
    const stage = this.stage;
    ctx.fillStyle = colours.stage;
    ctx.beginPath();
    roundedRect(ctx, stage.x, stage.y, stage.width, stage.height, Math.min(stage.height / 3, p));
    ctx.fill();

    // the seats in view: free ones by category (dimmed ones apart), the others by state
    const { xs, ys, count, category, flags } = this.seats;
    const size = this.size;
    const h = size;
    const vx0 = this.view.x - h; const vx1 = this.view.x + this.view.w + h;
    const vy0 = this.view.y - h; const vy1 = this.view.y + this.view.h + h;
    const painter = new SeatPainter(size, size * this.scale, true);
    const free = this.categoryNames.map(() => new Path2D());
    const dim = this.categoryNames.map(() => new Path2D());
    const symbols = size * this.scale >= SYMBOLS_FROM_PX;
    const marked = [];
    for (let i = 0; i < count; i++) {
      const x = xs[i];
      const y = ys[i];
      if (x < vx0 || x > vx1 || y < vy0 || y > vy1) {
        continue;
      }
      const state = this.stateAt(i);
      const conflict = (this.marks[i] & MARK.conflict) !== 0;
      if (state === 'available' && !conflict) {
        painter.shape(this.#dimmed(i) ? dim[category[i]] : free[category[i]], x, y);
      } else {
        painter.add(state, x, y, conflict);
      }
      if (symbols && flags[i] && (state === 'available' || state === 'blocked')) {
        marked.push(i);
      }
    }
    free.forEach((path, c) => {
      ctx.fillStyle = colours.categories[c];
      ctx.fill(path);
    });
    ctx.globalAlpha = 0.22;
    dim.forEach((path, c) => {
      ctx.fillStyle = colours.categories[c];
      ctx.fill(path);
    });
    ctx.globalAlpha = 1;
    painter.paint(ctx, colours);
    if (marked.length > 0) {
      this.#drawSymbols(ctx, marked);
    }

    // texts, in screen pixels at sizes people can read
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    const px = (ux) => (ux - this.view.x) * this.scale;
    const py = (uy) => (uy - this.view.y) * this.scale;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    ctx.fillStyle = '#fff';
    const stageText = Math.max(9, Math.min(16, stage.height * this.scale * 0.45));
    if (stage.width * this.scale > stageText * 3) {
      ctx.font = `600 ${stageText}px ${colours.font}`;
      ctx.fillText(t('buyer.map.stage'), px(stage.x + stage.width / 2), py(stage.y + stage.height / 2));
    }
    ctx.fillStyle = colours.ink || '#1b1f24';
    ctx.font = `600 ${Math.max(11, Math.min(15, p * this.scale * 0.9))}px ${colours.font}`;
    for (const s of this.sections) {
      const x = px(s.x);
      const y = py(s.y);
      if (x > -200 && x < this.frameSize.width + 200 && y > -20 && y < this.frameSize.height + 20) {
        ctx.fillText(s.name, x, y);
      }
    }
    this.#drawRowLabels(ctx, px, py);
  }

  /** A white symbol on the seat: wheelchair place, companion seat (two dots), restricted view (a bar). */
  #drawSymbols(ctx, indexes) {
    const { xs, ys, flags } = this.seats;
    const s = this.size;
    const lines = new Path2D();
    const dots = new Path2D();
    for (const i of indexes) {
      const x = xs[i];
      const y = ys[i];
      if (flags[i] & FLAG.wheelchair) {
        wheelchair(lines, dots, x, y, s);
      } else if (flags[i] & FLAG.companion) {
        for (const dx of [-0.17, 0.17]) {
          dots.moveTo(x + dx * s + s * 0.11, y);
          dots.arc(x + dx * s, y, s * 0.11, 0, Math.PI * 2);
        }
      }
      if (flags[i] & FLAG.restricted) {
        lines.moveTo(x - s * 0.28, y - s * 0.28);
        lines.lineTo(x + s * 0.28, y - s * 0.28);
      }
    }
    ctx.strokeStyle = this.colours.mark;
    ctx.fillStyle = this.colours.mark;
    ctx.lineWidth = s * 0.09;
    ctx.lineCap = 'round';
    ctx.stroke(lines);
    ctx.fill(dots);
  }

  /**
   * Row labels beside each row's ends, when rows are far enough apart on screen to read them; a row that runs off
   * the map's left edge keeps its label pinned there (on a light plate), so a zoomed map still says which row is which.
   */
  #drawRowLabels(ctx, px, py) {
    const rowGap = this.pitch * this.scale;
    if (rowGap < 8) {
      this.labelsShown = [];
      return;
    }
    const { xs, ys, rowStart } = this.seats;
    const size = Math.max(9, Math.min(13, rowGap * 0.55));
    ctx.font = `${size}px ${this.colours.font}`;
    const width = this.frameSize.width;
    const height = this.frameSize.height;
    const gap = this.pitch * 0.75 * this.scale;
    this.labelsShown = [];   // what was drawn, for the browser tests: [{row, text, pinned}]
    const placed = [];       // the boxes of the labels drawn: a label that would overlap one is left out
    const free = (x, y, w) => {
      const box = { x0: x, x1: x + w, y0: y - size / 2, y1: y + size / 2 };
      if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) {
        return false;
      }
      placed.push(box);
      return true;
    };
    this.plan.rows.forEach((row, r) => {
      const ends = this.rowEnds[r];
      if (ends.empty || !row.label) {
        return;
      }
      const left = px(xs[ends.left]);
      const right = px(xs[ends.right]);
      const top = Math.min(py(ys[ends.left]), py(ys[ends.right]));
      const bottom = Math.max(py(ys[ends.left]), py(ys[ends.right]));
      if (bottom < -rowGap || top > height + rowGap || right < 0 || left > width) {
        return;
      }
      const text = row.label;
      const textWidth = ctx.measureText(text).width;
      if (left - gap - textWidth >= 0) {
        if (free(left - gap - textWidth, py(ys[ends.left]), textWidth)) {
          ctx.textAlign = 'right';
          ctx.fillStyle = this.colours.label;
          ctx.fillText(text, left - gap, py(ys[ends.left]));
          this.labelsShown.push({ row: r, text, pinned: false });
        }
      } else {
        // pinned: at the left edge, level with the row's first seat in view
        let y = null;
        for (let i = rowStart[r]; i < rowStart[r + 1]; i++) {
          if (px(xs[i]) >= textWidth + 8 && (y === null || xs[i] < y.x)) {
            y = { x: xs[i], y: ys[i] };
          }
        }
        if (y === null || py(y.y) < 0 || py(y.y) > height || !free(2, py(y.y), textWidth + 6)) {
          return;
        }
        ctx.fillStyle = 'rgb(255 255 255 / .88)';
        ctx.fillRect(2, py(y.y) - size * 0.7, textWidth + 6, size * 1.4);
        ctx.textAlign = 'left';
        ctx.fillStyle = this.colours.label;
        ctx.fillText(text, 5, py(y.y));
        this.labelsShown.push({ row: r, text, pinned: true });
      }
      if (right + gap + textWidth <= width && free(right + gap, py(ys[ends.right]), textWidth)) {
        ctx.textAlign = 'left';
        ctx.fillStyle = this.colours.label;
        ctx.fillText(text, right + gap, py(ys[ends.right]));
        this.labelsShown.push({ row: r, text, pinned: false });
      }
    });
  }

  /** The overview: the whole hall small (drawn once per change of the map), the part shown marked. */
  #drawOverview() {
    const show = this.zoomed;
    this.overview.hidden = !show;
    if (!show) {
      return;
    }
    const k = Math.min(OVERVIEW_PX / this.hall.width, OVERVIEW_PX / this.hall.height,
      this.frameSize.width * 0.4 / this.hall.width, this.frameSize.height * 0.4 / this.hall.height);
    const width = Math.max(1, Math.round(this.hall.width * k));
    const height = Math.max(1, Math.round(this.hall.height * k));
    const ratio = this.ratio;
    if (!this.overviewImage || this.overviewImage.width !== Math.round(width * ratio)) {
      const image = document.createElement('canvas');
      image.width = Math.round(width * ratio);
      image.height = Math.round(height * ratio);
      const g = image.getContext('2d');
      const scale = k * ratio;
      g.fillStyle = this.colours.background;
      g.fillRect(0, 0, image.width, image.height);
      g.setTransform(scale, 0, 0, scale, -this.hall.x * scale, -this.hall.y * scale);
      g.fillStyle = this.colours.stage;
      g.fillRect(this.stage.x, this.stage.y, this.stage.width, this.stage.height);
      const { xs, ys, count, category } = this.seats;
      const dot = Math.max(this.size, 1.2 / scale);
      const taken = new Path2D();
      const free = this.categoryNames.map(() => new Path2D());
      for (let i = 0; i < count; i++) {
        (this.letters[i] === 65 ? free[category[i]] : taken).rect(xs[i] - dot / 2, ys[i] - dot / 2, dot, dot);
      }
      free.forEach((path, c) => { g.fillStyle = this.colours.categories[c]; g.fill(path); });
      g.fillStyle = '#c4c9d0';
      g.fill(taken);
      this.overviewImage = image;
      this.overview.width = image.width;
      this.overview.height = image.height;
      this.overview.style.width = `${width}px`;
      this.overview.style.height = `${height}px`;
    }
    const g = this.overview.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(this.overviewImage, 0, 0);
    const scale = k * ratio;
    g.strokeStyle = this.colours.selected;
    g.lineWidth = 2 * ratio;
    g.fillStyle = 'rgb(31 79 209 / .12)';
    const x = (this.view.x - this.hall.x) * scale;
    const y = (this.view.y - this.hall.y) * scale;
    g.fillRect(x, y, this.view.w * scale, this.view.h * scale);
    g.strokeRect(x, y, this.view.w * scale, this.view.h * scale);
    this.overviewScale = k;
  }

  #centreFromOverview(event) {
    const box = this.overview.getBoundingClientRect();
    const k = box.width / this.hall.width;
    const ux = this.hall.x + (event.clientX - box.left) / k;
    const uy = this.hall.y + (event.clientY - box.top) / k;
    this.setView(this.scale, ux - this.view.w / 2, uy - this.view.h / 2);
  }

}

/** The usual distance between neighbours in a row: the median over (a sample of) consecutive pairs. */
function pitchOf(xs, ys, rowStart) {
  const gaps = [];
  const rows = rowStart.length - 1;
  const step = Math.max(1, Math.floor(rowStart[rows] / 4000));
  for (let r = 0; r < rows; r++) {
    for (let i = rowStart[r] + 1; i < rowStart[r + 1]; i += step) {
      const d = Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
      if (d > 0) {
        gaps.push(d);
      }
    }
  }
  if (gaps.length === 0) {
    return 10;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

function roundedRect(ctx, x, y, width, height, radius) {
  if (typeof ctx.roundRect === 'function') {
    ctx.roundRect(x, y, width, height, radius);
  } else {
    ctx.rect(x, y, width, height);
  }
}

/** The wheelchair pictogram (ISO 7001's shape, simplified): a head, a back and seat, a wheel. */
function wheelchair(lines, dots, x, y, s) {
  const u = s / 10;
  dots.moveTo(x - 0.5 * u + 1.1 * u, y - 3.4 * u);
  dots.arc(x - 0.5 * u, y - 3.4 * u, 1.1 * u, 0, Math.PI * 2);
  lines.moveTo(x - 1 * u, y - 1.8 * u);
  lines.lineTo(x - 0.6 * u, y + 1 * u);
  lines.lineTo(x + 1.8 * u, y + 1 * u);
  lines.lineTo(x + 2.8 * u, y + 3.2 * u);
  const [cx, cy, r, a0, a1] = [x - 0.6 * u, y + 1.6 * u, 2.6 * u, 0.3 * Math.PI, 1.7 * Math.PI];
  lines.moveTo(cx + r * Math.cos(a0), cy + r * Math.sin(a0));
  lines.arc(cx, cy, r, a0, a1, false);
}

