// Wall-clock times in an event's time zone, for the organiser's date fields: a datetime-local input holds a time
// with no zone ("2027-03-01T20:00"), and the organiser means it where the event happens (the event's `timeZone`, an
// IANA region id), not where their browser is. The browser's Intl knows every zone's rules; this only reads them.

const WALL = new Map();   // zone -> the formatter that writes an instant's wall-clock fields there

function wallFormat(zone) {
  if (!WALL.has(zone)) {
    WALL.set(zone, new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }));
  }
  return WALL.get(zone);
}

/** The zone the browser is in ("Europe/Rome"); "UTC" when it cannot say. */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, sorted, with `keep` (a zone to offer whatever the list) and UTC among them. */
export function zones(keep) {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, 'UTC', browserZone(), ...(keep ? [keep] : [])])].sort();
}

/** True when `zone` is a zone this browser knows. */
export function isZone(zone) {
  try {
    wallFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of the instant `ms` in `zone`, as milliseconds of a UTC date with those fields. */
function wallMillis(ms, zone) {
  const parts = Object.fromEntries(wallFormat(zone).formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
}

/** An instant (ISO text) as a datetime-local value in `zone` ("2027-03-01T15:00"); "" for no instant. */
export function wallTime(iso, zone) {
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? '' : new Date(wallMillis(ms, zone)).toISOString().slice(0, 16);
}

/**
 * A datetime-local value read in `zone` as an instant (ISO text, UTC). A time the clocks skip (a spring-forward gap)
 * comes out an hour on, as the zone's clocks show it; a time they pass twice (clocks going back), the second. Anything that is
 * not such a value comes back as it is, for the server to refuse with its own words.
 */
export function instantOf(local, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || '');
  if (!match) {
    return local;
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // the zone's offset at a first guess, then at the instant that guess gives: right on either side of a change
  let ms = asIfUtc - (wallMillis(asIfUtc, zone) - asIfUtc);
  ms = asIfUtc - (wallMillis(ms, zone) - ms);
  return new Date(ms).toISOString();
}
