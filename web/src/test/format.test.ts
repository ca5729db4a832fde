import { describe, expect, it } from 'vitest';
import { browserLang, formatDate, formatMoney, formatMoneyShort, formatNumber } from '../i18n/format';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money in the reader’s locale, from the API’s decimal string', () => {
  it('writes 1.234,56 € in Dutch and in French, as Belgian invoices do', () => {
    expect(plain(formatMoney('1234.56', 'EUR', 'nl'))).toBe('1.234,56 €');
    expect(plain(formatMoney('1234.56', 'EUR', 'fr'))).toBe('1.234,56 €');
  });

  it('writes €1,234.56 in English', () => {
    expect(formatMoney('1234.56', 'EUR', 'en')).toBe('€1,234.56');
  });

  it('keeps every digit of a large decimal (no float rounding)', () => {
    expect(plain(formatMoney('12345678901234.57', 'EUR', 'nl'))).toBe('12.345.678.901.234,57 €');
  });

  it('labels chart axes in whole euros the same way', () => {
    expect(plain(formatMoneyShort('30000', 'EUR', 'fr'))).toBe('30.000 €');
    expect(formatMoneyShort('30000', 'EUR', 'en')).toBe('€30,000');
  });

  it('shows negative amounts and whole euros with cents', () => {
    expect(plain(formatMoney('-40', 'EUR', 'fr'))).toBe('-40,00 €');
  });
});

describe('dates and numbers', () => {
  it('shows an ISO date as the same calendar day in every language', () => {
    expect(formatDate('2026-11-04', 'nl')).toBe('4 nov 2026');
    expect(formatDate('2026-11-04', 'fr')).toBe('4 nov. 2026');
    expect(formatDate('2026-01-01', 'en')).toMatch(/1 Jan 2026/);
  });

  it('groups thousands in Dutch with a point', () => {
    expect(formatNumber(30000, 'nl')).toBe('30.000');
  });

  it('chooses the first browser language it speaks, Dutch otherwise', () => {
    expect(browserLang(['de-DE', 'fr-BE', 'nl'])).toBe('fr');
    expect(browserLang(['en-GB'])).toBe('en');
    expect(browserLang(['de-DE'])).toBe('nl');
  });
});
