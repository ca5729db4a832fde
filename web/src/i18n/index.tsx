import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { nl } from './nl';
import {
  browserLang,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  localeOf,
  type Lang,
} from './format';

export type { Lang, MessageKey };
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { nl, fr, en };

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  money: (m: { amount: string; currency: string } | null | undefined) => string;
  num: (value: number | string, digits?: number) => string;
  pct: (share: number) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string) => string;
}

const LANG_KEY = 'kmo.lang';
const Ctx = createContext<I18n | null>(null);

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void = () => {}): I18n {
  return {
    lang,
    setLang,
    t: (key, vars) => translate(lang, key, vars),
    money: (m) => (m ? formatMoney(m.amount, m.currency, lang) : '—'),
    num: (value, digits = 0) => formatNumber(value, lang, digits),
    pct: (share) => formatPercent(share, lang),
    date: (iso) => (iso ? formatDate(iso, lang) : '—'),
    dateTime: (iso) => formatDateTime(iso, lang),
  };
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => {
    if (initial) return initial;
    const kept = localStorage.getItem(LANG_KEY);
    return kept === 'nl' || kept === 'fr' || kept === 'en' ? kept : browserLang(navigator.languages ?? [navigator.language]);
  });
  useEffect(() => {
    document.documentElement.lang = localeOf(lang);
  }, [lang]);
  const value = useMemo(
    () =>
      makeI18n(lang, (next) => {
        localStorage.setItem(LANG_KEY, next);
        setLangState(next);
      }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const found = useContext(Ctx);
  if (!found) throw new Error('useI18n outside I18nProvider');
  return found;
}
