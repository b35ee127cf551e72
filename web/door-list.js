// The door list: the event's signed check-in manifest (GET /events/{id}/checkin-list), kept on the device so that
// codes are checked with no network, and the offline check itself. Pure rules here; storage is door-store.js.
//
// The server answers {"eventId","keyId","manifest":"<base64url of the UTF-8 JSON>","signature":"<base64url>"}, the
// manifest being {"eventId","version","since","complete","generatedAt","sold","keys":[{"keyId","publicKey"}],
// "tickets":[[ticketId, codeVersion, seatLabel, buyerName]], "revoked":[[ticketId, version]],
// "admitted":[[ticketId, deviceId, at]]}; with ?since=<version> only what changed since, to merge.

import { decodeCode, fromBase64Url, verifyCode, verifyEd25519 } from './door-codes.js';

/** A door list that cannot be used: its signature, event or shape is wrong. */
export class DoorListError extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'DoorListError';
    this.reason = reason;
  }
}

/**
 * The manifest of a server answer, its signature verified: by the key the device already holds under the answer's
 * keyId (`known`, a stored list), or else by the key the manifest itself names under it (the first list, or a new
 * key id after a rotation: trusted as fetched over HTTPS with a staff token). Throws DoorListError when it does not verify or is
 * for another event.
 */
export async function openSignedList(answer, eventId, known) {
  const bytes = fromBase64Url(answer?.manifest);
  const signature = fromBase64Url(answer?.signature);
  if (!bytes || !signature || answer.eventId !== eventId) {
    throw new DoorListError('shape');
  }
  let manifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new DoorListError('shape');
  }
  if (!manifest || manifest.eventId !== eventId || !Array.isArray(manifest.keys)) {
    throw new DoorListError('shape');
  }
  // a key the device already holds wins over what a list says of itself; a new key id (a rotation) is taken from it
  const keys = { ...keysOf(manifest.keys), ...(known?.keys || {}) };
  const publicKey = keys[answer.keyId] && fromBase64Url(keys[answer.keyId]);
  if (!publicKey || !(await verifyEd25519(publicKey, signature, bytes))) {
    throw new DoorListError('signature');
  }
  return manifest;
}

function keysOf(entries) {
  const keys = {};
  for (const entry of entries || []) {
    if (entry && typeof entry.keyId === 'string' && typeof entry.publicKey === 'string') {
      keys[entry.keyId] = entry.publicKey;
    }
  }
  return keys;
}

/**
 * The stored list after `manifest`: a full one (no `since`) replaces it, a delta is merged into it. Stored form:
 * {eventId, version, sold, complete, generatedAt, loadedAt, keys: {keyId: base64url}, tickets: {id: [codeVersion,
 * seatLabel, name]}, revoked: {id: version}, admitted: {id: [deviceId, at]}}. A ticket listed again is valid again
 * at its new code version; a revoked one leaves the valid tickets.
 */
export function mergeList(stored, manifest, loadedAt) {
  const delta = manifest.since !== undefined && manifest.since !== null && stored
    && String(manifest.since) === String(stored.version);
  const base = delta ? stored : { tickets: {}, revoked: {}, admitted: {}, keys: {} };
  const list = {
    eventId: manifest.eventId,
    version: manifest.version,
    sold: manifest.sold ?? base.sold ?? null,
    complete: manifest.complete ?? base.complete ?? null,
    generatedAt: manifest.generatedAt ?? base.generatedAt ?? null,
    loadedAt,
    keys: { ...base.keys, ...keysOf(manifest.keys) },
    tickets: { ...base.tickets },
    revoked: { ...base.revoked },
    admitted: { ...base.admitted },
  };
  // A revocation names the ticket and a code version: codes up to that version admit no one. A ticket listed at a
  // later version (a seat change) is valid again at that version only.
  for (const [id, version] of manifest.revoked || []) {
    list.revoked[id] = Math.max(version, list.revoked[id] ?? version);
    if (list.tickets[id] && list.tickets[id][0] <= version) {
      delete list.tickets[id];
    }
  }
  for (const [id, codeVersion, label, name] of manifest.tickets || []) {
    if (!(list.revoked[id] >= codeVersion)) {
      list.tickets[id] = [codeVersion, label ?? null, name ?? null];
    }
  }
  for (const [id, deviceId, at] of manifest.admitted || []) {
    if (!list.admitted[id]) {
      list.admitted[id] = [deviceId, at];
    }
  }
  return list;
}

/** The keys of a stored list as raw bytes, for verifyCode. */
export function rawKeys(list) {
  const keys = {};
  for (const [id, text] of Object.entries(list?.keys || {})) {
    const bytes = fromBase64Url(text);
    if (bytes) {
      keys[id] = bytes;
    }
  }
  return keys;
}

/**
 * Checks `text` at the door of `eventId` with no network, against the stored `list` and this device's own
 * admissions (`admittedHere`: ticketId -> {at, deviceId}). Answers {result, ...} with result one of
 * "admitted" (ticketId, label, name, seatId, listed: false for a genuine code sold after the list was loaded),
 * "already-admitted" (ticketId, admittedAt, firstDevice), "revoked" (ticketId), "unknown", "wrong-event"
 * (ticketEventId). A code another event's key signed cannot be verified here: it is refused as another event's.
 */
export async function checkOffline(text, eventId, list, admittedHere) {
  const code = decodeCode(text);
  if (!code) {
    return { result: 'unknown' };
  }
  if (code.eventId !== eventId) {
    return { result: 'wrong-event', ticketEventId: code.eventId };
  }
  if (!(await verifyCode(code, rawKeys(list)))) {
    return { result: 'unknown' };
  }
  const id = code.ticketId;
  const listed = list.tickets[id];
  if (code.version <= list.revoked[id] || (listed && listed[0] !== code.version)) {
    return { result: 'revoked', ticketId: id, seatId: code.seatId };
  }
  const first = admittedHere[id] || (list.admitted[id] && { deviceId: list.admitted[id][0], at: list.admitted[id][1] });
  if (first) {
    return { result: 'already-admitted', ticketId: id, seatId: code.seatId, admittedAt: first.at, firstDevice: first.deviceId,
      label: listed?.[1] ?? null, name: listed?.[2] ?? null };
  }
  // A genuine code of this event that the list does not name was sold after the list was made: as genuine as a
  // listed one (the signature says so), admitted, and reconciled when the scan is uploaded.
  return { result: 'admitted', ticketId: id, seatId: code.seatId, label: listed?.[1] ?? null, name: listed?.[2] ?? null,
    listed: !!listed };
}

/** How many tickets the list and this device know as admitted (each ticket once). */
export function admittedCount(list, admittedHere) {
  const ids = new Set(Object.keys(list?.admitted || {}));
  for (const id of Object.keys(admittedHere)) {
    ids.add(id);
  }
  return ids.size;
}
