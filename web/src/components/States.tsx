import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { errorCode, errorMessageKey } from '../api/errors';
import { useI18n } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** A typed API error as a sentence in the reader's language. */
export function ErrorNote({ error, code, onRetry }: { error?: CombinedError | null; code?: string | null; onRetry?: () => void }) {
  const { t } = useI18n();
  const found = code ?? errorCode(error);
  if (!found) return null;
  return (
    <div className="state state-error" role="alert" data-code={found}>
      <span>{t(errorMessageKey(found))}</span>
      {onRetry && (
        <button type="button" className="button-link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="state state-ok" role="status">
      {children}
    </div>
  );
}
