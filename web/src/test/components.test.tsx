import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LEVEL_COLOURS, LevelBadge, levelOfScore } from '../components/Level';
import { factorSentence } from '../components/Risk';
import { ErrorNote } from '../components/States';
import { I18nProvider, makeI18n, useI18n } from '../i18n';
import { ageingLabel } from '../pages/Dashboard';
import { toDecimal } from '../pages/Invoices';

afterEach(cleanup);

describe('risk levels', () => {
  it('colours low green, medium yellow, high orange, critical red', () => {
    expect(LEVEL_COLOURS.LOW.name).toBe('green');
    expect(LEVEL_COLOURS.MEDIUM.name).toBe('yellow');
    expect(LEVEL_COLOURS.HIGH.name).toBe('orange');
    expect(LEVEL_COLOURS.CRITICAL.name).toBe('red');
  });

  it('places scores in the bands the register uses', () => {
    expect([0, 30, 31, 50, 51, 70, 71, 100].map(levelOfScore)).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL']);
  });

  it('renders a badge with the score and the level in the chosen language', () => {
    render(<I18nProvider initial="fr"><LevelBadge level="CRITICAL" score={82} /></I18nProvider>);
    const badge = screen.getByText(/Critique/);
    expect(badge.textContent).toBe('82 · Critique');
    expect(badge.getAttribute('style')).toContain('rgb(156, 17, 24)');
  });
});

function Title() {
  const { t } = useI18n();
  return <h1>{t('dashboard.title')}</h1>;
}

describe('components', () => {
  it('switches the language of the page', () => {
    render(<I18nProvider initial="nl"><LanguageSwitch /><Title /></I18nProvider>);
    expect(screen.getByRole('heading').textContent).toBe('Overzicht');
    fireEvent.change(screen.getByLabelText('Taal'), { target: { value: 'fr' } });
    expect(screen.getByRole('heading').textContent).toBe('Tableau de bord');
    expect(document.documentElement.lang).toBe('fr-BE');
  });

  it('shows a typed error as an alert sentence', () => {
    render(<I18nProvider initial="en"><ErrorNote code="RATE_LIMITED" /></I18nProvider>);
    expect(screen.getByRole('alert').textContent).toBe('Too many requests. Wait a few seconds and try again.');
  });

  it('explains a factor from its reason code in the reader’s language', () => {
    const nl = makeI18n('nl');
    expect(factorSentence(nl, { reason: 'LATE_SHARE', value: 0.32, sentence: '32% of its invoices were paid late.' })).toBe('32% van zijn facturen werd te laat betaald.');
    expect(factorSentence(nl, { reason: 'NEW_REASON', value: 1, sentence: 'As the API says.' })).toBe('As the API says.');
  });

  it('labels ageing buckets from their day ranges', () => {
    const nl = makeI18n('nl');
    expect(ageingLabel(nl, { label: 'not due', fromDays: null, toDays: null })).toBe('niet vervallen');
    expect(ageingLabel(nl, { label: '1-30', fromDays: 1, toDays: 30 })).toBe('1–30 d');
    expect(ageingLabel(nl, { label: 'over 120', fromDays: 121, toDays: null })).toBe('meer dan 120 d');
  });

  it('reads amounts typed the Belgian way as decimal strings', () => {
    expect(toDecimal('1.234,56')).toBe('1234.56');
    expect(toDecimal('1234.56')).toBe('1234.56');
    expect(toDecimal(' 40,5 ')).toBe('40.5');
  });
});
