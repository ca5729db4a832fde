// Dates, numbers and money in the reader's locale, through Intl. Money arrives as a decimal
// string and is formatted from that string (Intl reads it exactly): no float arithmetic.

export type Lang = 'nl' | 'fr' | 'en';
export const LANGS: Lang[] = ['nl', 'fr', 'en'];

/** The Intl locale for a language: Belgian conventions for all three. */
export function localeOf(lang: Lang): string {
  return { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' }[lang];
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let found = cache.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

type Numeric = number | string;
// Intl.NumberFormat formats numeric strings exactly (ES2023); the DOM typings lag behind.
const fmt = (f: Intl.NumberFormat, value: Numeric): string =>
  (f.format as (v: Numeric) => string)(value);
const parts = (f: Intl.NumberFormat, value: Numeric): Intl.NumberFormatPart[] =>
  (f.formatToParts as (v: Numeric) => Intl.NumberFormatPart[])(value);

/**
 * An amount as Belgian invoices write it: `1.234,56 €` in Dutch and in French (CLDR puts
 * the sign first in nl-BE and groups with a narrow space in fr-BE; Belgian bookkeeping
 * writes neither), `€1,234.56` in English. The digits come from Intl's parts.
 */
export function formatMoney(amount: string, currency: string, lang: Lang): string {
  const f = numberFormat(localeOf(lang), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  if (lang === 'en') return fmt(f, amount);
  let sign = '';
  let digits = '';
  let symbol = '';
  for (const p of parts(f, amount)) {
    if (p.type === 'minusSign') sign = '-';
    else if (p.type === 'integer') digits += p.value;
    else if (p.type === 'group') digits += '.';
    else if (p.type === 'decimal') digits += ',';
    else if (p.type === 'fraction') digits += p.value;
    else if (p.type === 'currency') symbol = p.value;
  }
  return `${sign}${digits}\u00a0${symbol}`;
}

/** A whole amount for chart axes and tiles ("12.345 €"), still from the decimal string. */
export function formatMoneyShort(amount: string, currency: string, lang: Lang): string {
  const whole = amount.split('.')[0] || '0';
  const full = formatMoney(whole, currency, lang);
  return lang === 'en' ? full.replace(/\.00$/, '') : full.replace(/,00(?=\u00a0)/, '');
}

export function formatNumber(value: Numeric, lang: Lang, digits = 0): string {
  return fmt(numberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }), value);
}

/** A share 0..1 as a percentage. */
export function formatPercent(share: number, lang: Lang): string {
  return fmt(numberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 }), share);
}

/** An ISO date ("2026-11-04") as a calendar day, never shifted by the time zone. */
export function formatDate(iso: string, lang: Lang, style: 'medium' | 'short' = 'medium'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: style, timeZone: 'UTC' }).format(day);
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatMonth(iso: string, lang: Lang): string {
  const [y, m] = iso.slice(0, 7).split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The browser's preferred language among ours; Dutch when none matches. */
export function browserLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'fr' || base === 'en') return base;
  }
  return 'nl';
}
