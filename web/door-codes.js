// Ticket codes read on the door device, with no network: the layout of admission.keys.TicketCodes decoded, and the
// Ed25519 signature verified with the event's public key from the door list. WebCrypto's own Ed25519 where the
// browser has it, else the vendored @noble/ed25519 (web/vendor/, MIT) over WebCrypto's SHA-512.

/** Longer texts are no code (TicketCodes.MAX_LENGTH): refused before decoding. */
const MAX_LENGTH = 300;
const FORMAT = 1;
const SIGNATURE = 64;
const MAX_TEXT = 64;

/** The bytes of base64url text (padding optional); null when it is not base64url. */
export function fromBase64Url(text) {
  const value = String(text ?? '').trim();
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    return null;
  }
  const plain = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(plain + '='.repeat((4 - (plain.length % 4)) % 4));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/**
 * What a code states, as TicketCodes lays it out: format byte 1, the key id (length byte, ASCII), ticket, hold and
 * event ids (16 bytes each), the version (4 bytes, big-endian), the seat id (length byte, UTF-8), then the 64-byte
 * signature of all that. Answers `{keyId, ticketId, holdId, eventId, version, seatId, signed, signature}`, or null
 * for text that is no code of this layout (its signature is not checked here: see verifyCode).
 */
export function decodeCode(text) {
  const value = String(text ?? '').trim();
  if (!value || value.length > MAX_LENGTH) {
    return null;
  }
  const bytes = fromBase64Url(value);
  if (!bytes || bytes.length <= SIGNATURE + 1 || bytes[0] !== FORMAT) {
    return null;
  }
  const signed = bytes.subarray(0, bytes.length - SIGNATURE);
  const read = new Reader(signed, 1);
  try {
    const keyId = read.text();
    const ticketId = read.uuid();
    const holdId = read.uuid();
    const eventId = read.uuid();
    const version = read.int();
    const seatId = read.text();
    if (!read.done()) {
      return null;
    }
    return { keyId, ticketId, holdId, eventId, version, seatId, signed, signature: bytes.subarray(bytes.length - SIGNATURE) };
  } catch {
    return null;
  }
}

class Reader {
  constructor(bytes, at) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = at;
  }

  take(length) {
    if (this.at + length > this.bytes.length) {
      throw new RangeError('past the end of the code');
    }
    const part = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return part;
  }

  text() {
    const length = this.take(1)[0];
    if (length > MAX_TEXT) {
      throw new RangeError('text too long');
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(length));
  }

  uuid() {
    const hex = Array.from(this.take(16), (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  int() {
    const value = this.view.getInt32(this.at);
    this.take(4);
    return value;
  }

  done() {
    return this.at === this.bytes.length;
  }
}

let webCryptoEd25519 = null; // unknown until first tried; then true or false
const importedKeys = new Map();

/**
 * Whether `signature` is the Ed25519 signature of `data` by the raw 32-byte `publicKey` (all Uint8Array).
 * Never throws for a bad signature or key: false.
 */
export async function verifyEd25519(publicKey, signature, data) {
  if (publicKey?.length !== 32 || signature?.length !== SIGNATURE) {
    return false;
  }
  if (webCryptoEd25519 !== false && globalThis.crypto?.subtle) {
    try {
      const id = Array.from(publicKey).join(',');
      let key = importedKeys.get(id);
      if (!key) {
        key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
        importedKeys.set(id, key);
      }
      webCryptoEd25519 = true;
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, data);
    } catch (error) {
      if (webCryptoEd25519 === true && error?.name !== 'NotSupportedError') {
        return false; // the browser has Ed25519: this key or signature is bad
      }
      webCryptoEd25519 = false;
    }
  }
  try {
    const noble = await import('./vendor/noble-ed25519.js');
    // zip215 off: RFC 8032's strict rules, as the JDK verifies on the server
    return await noble.verifyAsync(signature, data, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Which verifier the last check used: "webcrypto", "vendored" or "unknown" (shown on the page, for support). */
export function verifierInUse() {
  return webCryptoEd25519 === null ? 'unknown' : webCryptoEd25519 ? 'webcrypto' : 'vendored';
}

/** For tests and the page's diagnostics: verify with the vendored verifier from now on. */
export function useVendoredVerifier() {
  webCryptoEd25519 = false;
}

/**
 * The decoded `code` if its signature verifies under `keys` (key id -> raw public key bytes), else null: a key id
 * the door list does not have, or a signature that does not verify, is no ticket.
 */
export async function verifyCode(code, keys) {
  const publicKey = code && keys[code.keyId];
  if (!publicKey) {
    return null;
  }
  return (await verifyEd25519(publicKey, code.signature, code.signed)) ? code : null;
}
