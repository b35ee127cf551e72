// What both seat maps (the rectangle's, seatmap.js, and a venue plan's, planmap.js) do the same way with a pointer
// and with the keyboard's seat cursor; each map says what a point or a seat means in its own geometry.

const DRAG_SLOP = 6;

/**
 * Pointer gestures on a map's canvas: a tap or click (not moved past a few pixels) is told to `tap(point, type)`;
 * a drag pans a zoomed map (`pan(dx, dy)` in px); a pinch or Ctrl + wheel zooms (`zoomAt(factor, x, y)` around a
 * point of the frame); a mouse moving without a button is told to `hover(point)`, and leaving to `leave()`.
 */
export class MapGestures {
  constructor(canvas, { zoomed, pan, zoomAt, tap, hover, leave }) {
    this.canvas = canvas;
    this.hooks = { zoomed, pan, zoomAt, tap, hover, leave };
    this.pointers = new Map();
    this.pinch = null;
    canvas.addEventListener('pointerdown', (event) => this.#down(event));
    canvas.addEventListener('pointermove', (event) => this.#move(event));
    canvas.addEventListener('pointerup', (event) => this.#up(event));
    canvas.addEventListener('pointercancel', (event) => this.#forget(event));
    canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse') {
        leave();
      }
    });
    canvas.addEventListener('wheel', (event) => {
      if (!(event.ctrlKey || event.metaKey)) {
        return;
      }
      event.preventDefault();
      const point = this.point(event);
      zoomAt(Math.exp(-event.deltaY / 300), point.x, point.y);
    }, { passive: false });
  }

  /** The event's point within the canvas, in CSS pixels. */
  point(event) {
    const box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  #down(event) {
    if (event.pointerType === 'mouse' && event.button !== 0) {
      return;
    }
    const point = this.point(event);
    this.pointers.set(event.pointerId, { start: point, last: point, moved: false });
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      this.pinch = { distance: Math.hypot(a.last.x - b.last.x, a.last.y - b.last.y) };
    }
  }

  #move(event) {
    const tracked = this.pointers.get(event.pointerId);
    if (!tracked) {
      if (event.pointerType === 'mouse') {
        this.hooks.hover(this.point(event));
      }
      return;
    }
    const point = this.point(event);
    const dx = point.x - tracked.last.x;
    const dy = point.y - tracked.last.y;
    if (!tracked.moved && Math.hypot(point.x - tracked.start.x, point.y - tracked.start.y) > DRAG_SLOP) {
      tracked.moved = true;
      try {
        this.canvas.setPointerCapture(event.pointerId);   // keep the drag when the pointer leaves the map
      } catch {
        // not a live pointer (a synthetic event): the drag works without capture
      }
    }
    tracked.last = point;
    if (this.pointers.size === 2 && this.pinch) {
      const [a, b] = [...this.pointers.values()];
      const distance = Math.hypot(a.last.x - b.last.x, a.last.y - b.last.y);
      if (this.pinch.distance > 0) {
        this.hooks.zoomAt(distance / this.pinch.distance, (a.last.x + b.last.x) / 2, (a.last.y + b.last.y) / 2);
      }
      this.pinch.distance = distance;
      [...this.pointers.values()].forEach((p) => { p.moved = true; });
    } else if (tracked.moved && this.hooks.zoomed()) {
      this.hooks.pan(dx, dy);
    }
  }

  #up(event) {
    const tracked = this.pointers.get(event.pointerId);
    this.#forget(event);
    if (!tracked || tracked.moved || this.pointers.size > 0) {
      return;
    }
    this.hooks.tap(this.point(event), event.pointerType);
  }

  #forget(event) {
    this.pointers.delete(event.pointerId);
    if (this.pointers.size < 2) {
      this.pinch = null;
    }
  }
}

/**
 * The keyboard's seat cursor: two real buttons that take turns being the map's one tab stop, so that every move is
 * a focus change screen readers announce (a virtualised list of one). The map positions and names the button.
 */
export class SeatCursors {
  constructor(buttons, { activate, key, position, label }) {
    this.buttons = buttons;
    this.active = 0;
    this.position = position;
    this.label = label;
    buttons.forEach((button) => {
      button.addEventListener('click', () => activate());
      button.addEventListener('keydown', (event) => key(event));
    });
  }

  get current() {
    return this.buttons[this.active];
  }

  /** Positions and names the cursor; with `focus`, a move: the other button takes over and gets the focus. */
  place(focus) {
    let button = this.current;
    if (focus) {
      const previous = button;
      this.active = 1 - this.active;
      button = this.current;
      previous.tabIndex = -1;
      button.tabIndex = 0;
      this.position(button);
      this.label(button);
      button.hidden = false;
      button.focus({ preventScroll: true });
      previous.hidden = true;
      return;
    }
    this.position(button);
    this.label(button);
    button.hidden = false;
    this.buttons[1 - this.active].hidden = true;
  }

  hide() {
    this.buttons.forEach((button) => { button.hidden = true; });
  }

  /** Marks the button pressed (a selected seat) or not, or unavailable to the user. */
  static choosable(button, choosable, pressed) {
    if (choosable) {
      button.setAttribute('aria-pressed', String(pressed));
      button.removeAttribute('aria-disabled');
    } else {
      button.removeAttribute('aria-pressed');
      button.setAttribute('aria-disabled', 'true');
    }
  }
}
