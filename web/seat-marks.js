// How a seat's state looks, for both maps (the rectangle of seatmap.js and the venue plan of planmap.js) and
// their legends (app.css draws the same shapes for the swatches). A state is never told by colour alone:
//
//   available   the seat's own shape, filled (the rectangle: a rounded square; a plan: a circle in its category's colour)
//   selected    a square, blue, with a white check mark
//   mine        a square, dark amber, with a white dot            (held by you)
//   yours       a diamond, purple, with a white dot               (your ticket: not a square like "selected")
//   reserved    the seat's shape hollow: a thick ring             (held by someone)
//   sold        the seat's shape, small and grey
//   blocked     the seat's shape, dark, crossed out in white      (not on sale)
//
// Every state's colour (app.css's --seat-* properties) has at least WCAG's 3:1 contrast against the map's
// background and against every price band of the rectangle map (SeatMapPageIT checks the figures).
// The marks inside (check, dot, cross) are drawn once a seat is big enough on screen to show them (DETAIL_PX).

/** Seat states in the order they are painted. */
export const STATES = ['available', 'selected', 'mine', 'yours', 'reserved', 'sold', 'blocked'];
/** From this many screen pixels a seat is wide, its inner marks are drawn. */
const DETAIL_PX = 7;

/** The colours of the seat states and the map, as the page's CSS sets them (app.css). */
export function readSeatColours(element) {
  const css = getComputedStyle(element);
  const value = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: value('--map-background', '#fbfbfc'),
    available: value('--seat-available', '#2e7d32'),
    selected: value('--seat-selected', '#1f4fd1'),
    mine: value('--seat-mine', '#8f5f00'),
    yours: value('--seat-yours', '#7b3fb3'),
    reserved: value('--seat-reserved', '#8a6a4a'),
    sold: value('--seat-sold', '#6f7682'),
    blocked: value('--seat-blocked', '#3d434b'),
    mark: value('--seat-mark', '#ffffff'),
    conflict: value('--danger', '#b3261e'),
    stage: value('--stage', '#3a404c'),
    label: value('--muted', '#5b6470'),
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
  };
}

/**
 * Collects the seats of one frame into one path per colour, then paints them: a frame costs one fill per colour,
 * whatever the number of seats. Coordinates are the map's own units; `size` is a seat's width in them and
 * `pixels` how many screen pixels that is.
 */
export class SeatPainter {
  constructor(size, pixels, round) {
    this.size = size;
    this.round = round;
    this.detail = pixels >= DETAIL_PX;
    this.fine = pixels >= 4;   // under 4 px a seat is a plain square: the cheapest shape to fill
    this.fills = Object.fromEntries(STATES.map((state) => [state, new Path2D()]));
    this.rings = new Path2D();
    this.dots = new Path2D();
    this.lines = new Path2D();
    this.conflicts = new Path2D();
  }

  /** Adds the seat's own shape (a circle or a rounded square) of width `size` centred on (x, y) to `path`. */
  shape(path, x, y, size = this.size) {
    const h = size / 2;
    if (!this.fine) {
      path.rect(x - h, y - h, size, size);
    } else if (this.round) {
      path.moveTo(x + h, y);
      path.arc(x, y, h, 0, Math.PI * 2);
    } else {
      square(path, x, y, size);
    }
  }

  /** Adds a seat in `state` (one of STATES, or `selected-blocked`); `conflict` rings it in red (just taken). */
  add(state, x, y, conflict = false) {
    const s = this.size;
    switch (state) {
      case 'available':
        this.shape(this.fills.available, x, y);
        break;
      case 'selected':
      case 'selected-blocked':
        square(this.fills.selected, x, y, s);
        if (this.detail) {
          this.lines.moveTo(x - s * 0.26, y + s * 0.02);
          this.lines.lineTo(x - s * 0.07, y + s * 0.22);
          this.lines.lineTo(x + s * 0.28, y - s * 0.2);
        }
        if (state === 'selected-blocked') {
          this.#cross(x, y);
        }
        break;
      case 'mine':
        square(this.fills.mine, x, y, s);
        this.#dot(x, y);
        break;
      case 'yours': {
        const h = s * 0.6;
        const path = this.fills.yours;
        path.moveTo(x, y - h);
        path.lineTo(x + h, y);
        path.lineTo(x, y + h);
        path.lineTo(x - h, y);
        path.closePath();
        this.#dot(x, y);
        break;
      }
      case 'sold':
        this.shape(this.fills.sold, x, y, s * 0.55);
        break;
      case 'blocked':
        this.shape(this.fills.blocked, x, y);
        this.#cross(x, y);
        break;
      default:   // reserved, and any state the map does not know: not free
        this.shape(this.rings, x, y, s * 0.78);
    }
    if (conflict) {
      this.conflicts.rect(x - s * 0.56, y - s * 0.56, s * 1.12, s * 1.12);
    }
  }

  #dot(x, y) {
    if (this.detail) {
      const r = this.size * 0.17;
      this.dots.moveTo(x + r, y);
      this.dots.arc(x, y, r, 0, Math.PI * 2);
    }
  }

  #cross(x, y) {
    const d = this.size * 0.3;
    this.lines.moveTo(x - d, y - d);
    this.lines.lineTo(x + d, y + d);
    this.lines.moveTo(x + d, y - d);
    this.lines.lineTo(x - d, y + d);
  }

  /** Paints what was added, after any paths of the caller's own (a plan's categories) that it filled before. */
  paint(ctx, colours) {
    const s = this.size;
    for (const state of STATES) {
      ctx.fillStyle = colours[state];
      ctx.fill(this.fills[state]);
    }
    ctx.strokeStyle = colours.reserved;
    ctx.lineWidth = s * 0.22;
    ctx.stroke(this.rings);
    ctx.fillStyle = colours.mark;
    ctx.fill(this.dots);
    ctx.strokeStyle = colours.mark;
    ctx.lineWidth = Math.max(s * 0.14, 0.6);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.stroke(this.lines);
    ctx.strokeStyle = colours.conflict;
    ctx.lineWidth = s * 0.2;
    ctx.stroke(this.conflicts);
  }
}

function square(path, x, y, size) {
  const h = size / 2;
  if (typeof path.roundRect === 'function') {
    path.roundRect(x - h, y - h, size, size, size * 0.2);
  } else {
    path.rect(x - h, y - h, size, size);
  }
}

/** WCAG's contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a, b) {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex) {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function rgb(hex) {
  const text = String(hex).trim().replace('#', '');
  const full = text.length === 3 ? [...text].map((c) => c + c).join('') : text.padEnd(6, '0').slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0);
}

/**
 * A category colour that a seat can be drawn in: the plan's own colour, darkened step by step until it has 3:1
 * against the map's background (a plan's pale "#f3e2a9" would vanish on it). Colourless categories take the
 * palette's colours in turn.
 */
export function seatColour(color, index, background) {
  const palette = ['#2e7d32', '#1565c0', '#ad1457', '#6a4c93', '#00695c', '#8d4e00', '#37474f'];
  let [r, g, b] = rgb(/^#?[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color || '') ? color : palette[index % palette.length]);
  const hex = () => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  for (let step = 0; step < 30 && contrast(hex(), background) < 3; step++) {
    [r, g, b] = [r * 0.9, g * 0.9, b * 0.9];
  }
  return hex();
}

/**
 * Gives the map's frame the height that shows the whole hall (`width` by `height` in its units) at the frame's
 * width, no taller than the window below the frame's top (less what the layout keeps free under it), and sizes
 * `canvas` to it in device pixels. Answers {width, height, ratio, changed}, or null while the frame has no width.
 */
export function sizeFrame(frame, canvas, hall, reservedBelow, before) {
  const width = frame.clientWidth;
  if (width === 0) {
    return null;
  }
  const top = frame.getBoundingClientRect().top + window.scrollY;
  const room = Math.max(200, window.innerHeight - top - reservedBelow());
  const natural = width * hall.height / hall.width;
  const height = Math.round(Math.max(120, Math.min(natural, room)));
  if (frame.style.height !== `${height}px`) {
    frame.style.height = `${height}px`;
  }
  const ratio = window.devicePixelRatio || 1;
  const changed = width !== before.width || height !== before.height || ratio !== before.ratio;
  if (changed || canvas.width === 0) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  return { width, height, ratio, changed };
}
