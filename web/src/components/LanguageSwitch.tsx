import { LANGS, type Lang } from '../i18n/format';
import { useI18n } from '../i18n';

const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
