// The server's clock, as a page can know it: a hold ends on the server's time, so its countdown must count on it
// too, whatever the device's clock says. Every answer tells a time it was made at (its Date header, whole seconds;
// the seat map's version answer its "now", in ms). An answer is made before it arrives, so each sample of
// "server time minus browser time" is at most the true offset; a copy a shared cache kept (CloudFront's copy of a
// public read, or of a map version's immutable body, with the Date it was first made at) is older still. So the
// largest recent sample is the best estimate, and a stale copy never moves it. Samples older than WINDOW_MS are
// dropped, so a device clock that is corrected while the page is open is followed within that time.

/** How long a sample counts: the page asks for the map's version about every second, so there are always fresh ones. */
export const WINDOW_MS = 30_000;
/** Below this, the device's clock is left as it is: a Date's whole seconds cannot tell better. */
export const NOTICEABLE_MS = 2_000;

export class ServerClock {
  /** @param browserNow () => this browser's time in ms (injected so a test can move it) */
  constructor(browserNow = () => Date.now()) {
    this.browserNow = browserNow;
    this.samples = [];   // { at: browser ms, offset: ms }, oldest first
  }

  /** An answer made at `serverMillis` (a Date header parsed, or a body's time) has just arrived; NaN is ignored. */
  note(serverMillis) {
    if (!Number.isFinite(serverMillis)) {
      return;
    }
    const at = this.browserNow();
    this.samples.push({ at, offset: serverMillis - at });
    while (this.samples.length > 1 && at - this.samples[0].at > WINDOW_MS) {
      this.samples.shift();
    }
  }

  /** Server time minus browser time, at least (ms); null before any answer. */
  offset() {
    return this.samples.length === 0 ? null : Math.max(...this.samples.map((sample) => sample.offset));
  }

  /** The server's time now (ms): the browser's, corrected when the two differ noticeably. */
  now() {
    const offset = this.offset() ?? 0;
    return this.browserNow() + (Math.abs(offset) > NOTICEABLE_MS ? offset : 0);
  }
}
