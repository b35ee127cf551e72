// The seat map: one button per seat, built once per event and then updated seat by seat as the compact map
// changes. Keyboard: the map is one tab stop; arrow keys move between seats, Home/End to the row's ends
// (with Ctrl, to the first/last row), Enter or Space selects.

import { el, seatName } from './util.js';

const STATUS = { A: 'available', R: 'reserved', S: 'sold' };
const SPOKEN = {
  available: 'available',
  selected: 'available, selected',
  reserved: 'reserved',
  sold: 'sold',
  mine: 'held by you',
};

export class SeatMap {
  /**
   * @param root the element that holds the rows
   * @param onToggle (seatId) => void, when the user activates an available seat
   * @param onBlocked (seatId, state) => void, when the user activates a seat that cannot be chosen
   */
  constructor(root, { onToggle, onBlocked }) {
    this.root = root;
    this.onToggle = onToggle;
    this.onBlocked = onBlocked;
    this.rows = [];
    this.buttons = [];
    this.currency = '';
    this.selected = new Set();
    this.mine = new Set();
    this.conflicts = new Set();
    this.focusAt = { r: 0, c: 0 };
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button.seat');
      if (button) {
        this.#activate(button);
      }
    });
    root.addEventListener('keydown', (event) => this.#onKey(event));
    root.addEventListener('focusin', (event) => {
      const button = event.target.closest('button.seat');
      if (button) {
        this.#rove(Number(button.dataset.r), Number(button.dataset.c), false);
      }
    });
  }

  clear() {
    this.root.replaceChildren();
    this.rows = [];
    this.buttons = [];
    this.selected = new Set();
    this.mine = new Set();
    this.conflicts = new Set();
    this.focusAt = { r: 0, c: 0 };
  }

  /** The status letter of a seat now (A, R or S), or undefined for a seat the map does not have. */
  status(seatId) {
    const [row, column] = seatId.split('-').map(Number);
    return this.rows[row - 1]?.seats[column - 1];
  }

  /** Shows a compact map (`{currency, rows:[{row, price, seats}]}`), repainting only the seats that changed. */
  update(map) {
    const sameShape = this.rows.length === map.rows.length
      && map.rows.every((row, r) => row.seats.length === this.rows[r].seats.length);
    this.currency = map.currency || '';
    if (!sameShape) {
      this.#build(map.rows);
      return;
    }
    const previous = this.rows;
    this.rows = map.rows;
    map.rows.forEach((row, r) => {
      if (row.seats === previous[r].seats && row.price === previous[r].price) {
        return;
      }
      for (let c = 0; c < row.seats.length; c++) {
        if (row.seats[c] !== previous[r].seats[c] || row.price !== previous[r].price) {
          this.#paint(r, c);
        }
      }
    });
  }

  setSelected(seatIds) {
    const before = this.selected;
    this.selected = new Set(seatIds);
    this.#repaintAround(before, this.selected);
  }

  setMine(seatIds) {
    const before = this.mine;
    this.mine = new Set(seatIds);
    this.#repaintAround(before, this.mine);
  }

  /** Marks seats someone else just took, for a few seconds. */
  flash(seatIds, milliseconds = 4000) {
    const ids = [...seatIds];
    ids.forEach((id) => this.conflicts.add(id));
    ids.forEach((id) => this.#paintId(id));
    setTimeout(() => {
      ids.forEach((id) => this.conflicts.delete(id));
      ids.forEach((id) => this.#paintId(id));
    }, milliseconds);
  }

  #build(rows) {
    this.rows = rows;
    this.buttons = [];
    const lines = rows.map((row, r) => {
      const buttons = [];
      for (let c = 0; c < row.seats.length; c++) {
        const button = el('button', {
          type: 'button',
          class: 'seat',
          tabindex: '-1',
          dataset: { seat: `${row.row}-${c + 1}`, r: String(r), c: String(c) },
        }, String(c + 1));
        buttons.push(button);
      }
      this.buttons.push(buttons);
      return el('div', { class: 'seat-row', role: 'group', 'aria-label': `Row ${row.row}, ${row.price} ${this.currency}`.trim() },
        el('span', { class: 'row-label', 'aria-hidden': 'true' }, String(row.row)),
        el('div', { class: 'seats' }, buttons),
        el('span', { class: 'row-price', 'aria-hidden': 'true' }, row.price));
    });
    this.root.replaceChildren(...lines);
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < rows[r].seats.length; c++) {
        this.#paint(r, c);
      }
    }
    const { r, c } = this.focusAt;
    this.#rove(Math.min(r, rows.length - 1), c, false);
  }

  #paint(r, c) {
    const button = this.buttons[r]?.[c];
    if (!button) {
      return;
    }
    const row = this.rows[r];
    const id = button.dataset.seat;
    let state = STATUS[row.seats[c]] || 'reserved';
    if (this.mine.has(id)) {
      state = 'mine';
    } else if (state === 'available' && this.selected.has(id)) {
      state = 'selected';
    }
    const label = `${seatName(id)}, ${SPOKEN[state]}, ${row.price} ${this.currency}`.trim();
    if (button.dataset.state !== state) {
      button.dataset.state = state;
    }
    if (button.getAttribute('aria-label') !== label) {
      button.setAttribute('aria-label', label);
    }
    const choosable = state === 'available' || state === 'selected';
    if (choosable) {
      button.setAttribute('aria-pressed', String(state === 'selected'));
      button.removeAttribute('aria-disabled');
    } else {
      button.removeAttribute('aria-pressed');
      button.setAttribute('aria-disabled', 'true');
    }
    button.classList.toggle('conflict', this.conflicts.has(id));
  }

  #paintId(id) {
    const [row, column] = id.split('-').map(Number);
    this.#paint(row - 1, column - 1);
  }

  #repaintAround(before, after) {
    for (const id of new Set([...before, ...after])) {
      this.#paintId(id);
    }
  }

  #activate(button) {
    const id = button.dataset.seat;
    const state = button.dataset.state;
    if (state === 'available' || state === 'selected') {
      this.onToggle(id);
    } else {
      this.onBlocked(id, state);
    }
  }

  /** Makes seat (r, c) the map's one tab stop, and focuses it when asked. */
  #rove(r, c, focus) {
    const row = this.buttons[r];
    if (!row || row.length === 0) {
      return;
    }
    const column = Math.max(0, Math.min(c, row.length - 1));
    const previous = this.buttons[this.focusAt.r]?.[this.focusAt.c];
    if (previous) {
      previous.tabIndex = -1;
    }
    this.focusAt = { r, c: column };
    row[column].tabIndex = 0;
    if (focus) {
      row[column].focus();
    }
  }

  #onKey(event) {
    const button = event.target.closest('button.seat');
    if (!button) {
      return;
    }
    let r = Number(button.dataset.r);
    let c = Number(button.dataset.c);
    const lastRow = this.buttons.length - 1;
    switch (event.key) {
      case 'ArrowRight': c += 1; break;
      case 'ArrowLeft': c -= 1; break;
      case 'ArrowDown': r += 1; break;
      case 'ArrowUp': r -= 1; break;
      case 'Home': c = 0; if (event.ctrlKey) r = 0; break;
      case 'End': c = Number.MAX_SAFE_INTEGER; if (event.ctrlKey) r = lastRow; break;
      default: return;
    }
    event.preventDefault();
    this.#rove(Math.max(0, Math.min(r, lastRow)), Math.max(0, c), true);
  }
}
