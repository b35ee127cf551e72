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
if (globalThis.document) {
  document.documentElement.lang = current;   // screen readers and hyphenation follow the texts' language
}

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

/** Whether the dictionaries have `key` (the current one or the fallback): a page may offer its own text else. */
export function has(key) {
  return key in SUPPORTED[current] || key in SUPPORTED[FALLBACK];
}

/**
 * The text of `key` for `count` things, by the language's plural rules: `key.one`, `key.other` (and `key.few`,
 * `key.many`... where a language has them), `{count}` filled in; the `other` form where a category is missing.
 */
export function tn(key, count, vars = {}) {
  const category = new Intl.PluralRules(current).select(count);
  return t(has(`${key}.${category}`) ? `${key}.${category}` : `${key}.other`, { count, ...vars });
}

/** "A, B and C" in English, "A, B e C" in Italian: the language's own way of listing things. */
export function list(items) {
  const texts = [...items].map(String);
  try {
    return new Intl.ListFormat(current, { type: 'conjunction' }).format(texts);
  } catch (ignored) {
    return texts.join(', ');
  }
}

/**
 * The text of `key` as a list of strings and nodes, `{name}` placeholders replaced by `nodes[name]` as they are (an
 * element keeps its id and listeners): for `element.replaceChildren(...parts('buyer.hold.timer', {until, left}))`.
 */
export function parts(key, nodes = {}) {
  return t(key).split(/(\{\w+\})/).filter((part) => part !== '').map((part) => {
    const name = part.match(/^\{(\w+)\}$/)?.[1];
    return name && name in nodes ? nodes[name] : part;
  });
}

/**
 * Fills the static texts of `root` from the dictionary: `data-i18n="key"` sets an element's text, and
 * `data-i18n-<attribute>="key"` one of its attributes (`data-i18n-aria-label`, `data-i18n-title`,
 * `data-i18n-placeholder`, `data-i18n-content`). Called on load and on every 'langchange'.
 */
export function translate(root = document) {
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of [...element.attributes]) {
      if (name === 'data-i18n') {
        element.textContent = t(value);
      } else if (name.startsWith('data-i18n-')) {
        element.setAttribute(name.slice('data-i18n-'.length), t(value));
      }
    }
  }
}

/**
 * Makes `select` the language switch: one option per dictionary, each named in its own language ("Italiano"), the
 * current one chosen; choosing another switches the page (setLang).
 */
export function languageSwitch(select) {
  select.replaceChildren(...Object.keys(SUPPORTED).map((code) => {
    const option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = SUPPORTED[code][`common.language.${code}`] ?? code;
    return option;
  }));
  select.value = current;
  select.addEventListener('change', () => setLang(select.value));
  document.addEventListener('langchange', () => {
    select.value = current;
  });
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
