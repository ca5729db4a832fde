import type { I18n } from '../i18n';

export interface FactorLike {
  reason: string;
  value: number;
  sentence: string;
}

/** A score factor in the reader's language, keyed on its stable reason code; the API's
 * English sentence for a code this app does not know yet. */
export function factorSentence(i: I18n, f: FactorLike): string {
  const v = i.num(Math.round(f.value));
  const pct = i.pct(f.value);
  switch (f.reason) {
    case 'PAYMENT_TIMING':
      return f.value >= 1 ? i.t('factor.PAYMENT_TIMING', { v }) : i.t('factor.PAYMENT_TIMING_ON_TIME');
    case 'OLDEST_OVERDUE':
      return f.value >= 1 ? i.t('factor.OLDEST_OVERDUE', { v }) : i.t('factor.OLDEST_OVERDUE_NONE');
    case 'RECENT_DELAYS':
    case 'EARLY_PAYMENT':
      return i.t(`factor.${f.reason}`, { v });
    case 'LATE_SHARE':
    case 'LATE_OVER_30_DAYS':
    case 'LATE_OVER_60_DAYS':
    case 'OVERDUE_EXPOSURE':
      return i.t(`factor.${f.reason}`, { pct });
    default:
      return f.sentence;
  }
}

export function creditSentence(
  i: I18n,
  c: { advised: boolean; amount?: { amount: string; currency: string } | null } | null | undefined,
  level: string | null | undefined,
): string {
  if (!c) return i.t('credit.none');
  if (c.advised && c.amount) return i.t('credit.advised', { amount: i.money(c.amount) });
  return level === 'CRITICAL' ? i.t('credit.critical') : i.t('credit.none');
}

export function measureValue(i: I18n, measure: string, value: number | null | undefined): string {
  if (value == null) return '—';
  if (measure === 'LATE_SHARE') return i.pct(value);
  if (measure === 'SCORE') return i.num(value);
  return i.t('common.days', { n: i.num(value, 0) });
}
