import type { CombinedError } from '@urql/core';
import { en, type MessageKey } from '../i18n/en';

/** The typed code of an API error (`extensions.code`), NETWORK when the server was not
 * reached, UNEXPECTED for anything untyped ("Unexpected error." from the gateway). */
export function errorCode(error: CombinedError | null | undefined): string | null {
  if (!error) return null;
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && code) return code.toUpperCase();
  }
  if (error.graphQLErrors.length) return 'UNEXPECTED';
  if (error.networkError) return 'NETWORK';
  return 'UNEXPECTED';
}

/** The message key that explains a code to the user; never the raw code. */
export function errorMessageKey(code: string | null | undefined): MessageKey {
  const key = `error.${(code ?? '').toUpperCase()}` as MessageKey;
  return key in en ? key : 'error.UNEXPECTED';
}
