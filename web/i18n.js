// The buyer's language: every text a page shows comes from one dictionary per language (web/i18n/<lang>.js), keyed
// by page and purpose ("door.admitted", "buyer.hold.expired"). The language is the one the buyer chose (kept in
// localStorage), else the browser's first supported one, else English. Adding a language is one file in web/i18n/
// plus its code in SUPPORTED. Dates, times and prices are formatted for the language by Intl, with the event's time
// zone stated.

import en from './i18n/en.js';
import it from './i18n/it.js';

/** The languages there is a dictionary for, by code; the first is the fallback for missing keys. */
export const SUPPORTED = { en, it };
const FALLBACK = 'en';
const STORAGE_KEY = 'ticketing.lang';

let current = pick();

function pick() {
  let chosen = null;
  try {
    chosen = globalThis.localStorage?.getItem(STORAGE_KEY);
  } catch (ignored) {
    // storage refused (private mode): the browser's language decides
  }
  if (chosen && SUPPORTED[chosen]) {
    return chosen;
  }
  for (const tag of globalThis.navigator?.languages || [globalThis.navigator?.language || FALLBACK]) {
    const code = String(tag).toLowerCase().split('-')[0];
    if (SUPPORTED[code]) {
      return code;
    }
  }
  return FALLBACK;
}

/** The language texts are shown in now ("en", "it"). */
export function lang() {
  return current;
}

/** Switches the language, remembers it, and sets `<html lang>`; pages re-render on the 'langchange' event. */
export function setLang(code) {
  if (!SUPPORTED[code]) {
    throw new Error(`no dictionary for language ${code}`);
  }
  current = code;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch (ignored) {
    // not remembered: still switched for this page
  }
  if (globalThis.document) {
    document.documentElement.lang = code;
    document.dispatchEvent(new CustomEvent('langchange', { detail: code }));
  }
}

/**
 * The text of `key` in the current language with `{name}` placeholders filled from `vars`; the English text when
 * the current dictionary lacks the key, and the key itself when no dictionary has it (visible, never blank).
 */
export function t(key, vars = {}) {
  const template = SUPPORTED[current][key] ?? SUPPORTED[FALLBACK][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** "59,00 €" in Italian, "€59.00" in English: the API's decimal string formatted, never rounded through a float. */
export function formatMoney(amount, currency) {
  const text = String(amount);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  try {
    const format = new Intl.NumberFormat(current, {
      style: 'currency', currency, minimumFractionDigits: fraction.length, maximumFractionDigits: fraction.length,
    });
    // The locale's layout (symbol before or after, spacing, separators) from a sample; the digits are ours.
    const parts = format.formatToParts(negative ? -1234567.5 : 1234567.5);
    const group = parts.find((part) => part.type === 'group')?.value ?? '';
    const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
    const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (fraction ? decimal + fraction : '');
    let placed = false;
    return parts.map((part) => {
      if (['integer', 'group', 'decimal', 'fraction'].includes(part.type)) {
        const first = !placed;
        placed = true;
        return first ? digits : '';
      }
      return part.value;
    }).join('');
  } catch (ignored) {
    return currency ? `${text} ${currency}` : text;
  }
}

/** The date and time of `iso` in `timeZone` (the event's), with the zone named: "sab 12 dic 2026, 20:30 CET". */
export function formatDateTime(iso, timeZone) {
  return new Intl.DateTimeFormat(current, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit',
    timeZone: timeZone || undefined, timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The time of day of `iso` in `timeZone`: "20:30" or "8:30 PM". */
export function formatTime(iso, timeZone) {
  return new Intl.DateTimeFormat(current, { timeStyle: 'short', timeZone: timeZone || undefined }).format(new Date(iso));
}
