import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorCode, errorMessageKey } from '../api/errors';
import { MESSAGES, translate } from '../i18n';
import { en } from '../i18n/en';

// Every code the gateway documents (README: "Bad input gets a typed error").
const DOCUMENTED = `INVALID_VAT INVALID_INVOICE INVALID_PAYMENT INVALID_CHANGE DUPLICATE_INVOICE
INVOICE_NOT_FOUND ALREADY_PAID BATCH_TOO_LARGE UNSUPPORTED_TYPE DOCUMENT_NOT_FOUND
DOCUMENT_NOT_READY IMPORT_TOO_LARGE INVALID_IMPORT UNAUTHENTICATED FORBIDDEN PAYLOAD_TOO_LARGE
RATE_LIMITED QUERY_TOO_COSTLY TIMEOUT INVALID_ARGUMENT KEY_NOT_FOUND MEMBER_NOT_FOUND
INVALID_SCOPE UNAVAILABLE INVALID_PAGE_TOKEN NOT_AN_EINVOICE INVALID_EINVOICE MISSING_BUYER_VAT
NOT_THE_SELLER CREDITED_INVOICE_NOT_FOUND DUPLICATE_PAYMENT`.split(/\s+/);

describe('typed API errors become sentences', () => {
  it('has a sentence in every language for every documented code', () => {
    for (const code of DOCUMENTED) {
      const key = errorMessageKey(code);
      expect(key, code).toBe(`error.${code}`);
      for (const lang of ['nl', 'fr', 'en'] as const) {
        const text = translate(lang, key);
        expect(text, `${lang} ${code}`).not.toContain(code);
        expect(text.length, `${lang} ${code}`).toBeGreaterThan(10);
      }
    }
  });

  it('reads the code from extensions, and says NETWORK or UNEXPECTED otherwise', () => {
    const typed = new CombinedError({ graphQLErrors: [new GraphQLError('bad', { extensions: { code: 'INVALID_VAT' } })] });
    const masked = new CombinedError({ graphQLErrors: [new GraphQLError('Unexpected error.')] });
    const offline = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(errorCode(typed)).toBe('INVALID_VAT');
    expect(errorCode(masked)).toBe('UNEXPECTED');
    expect(errorCode(offline)).toBe('NETWORK');
    expect(errorCode(undefined)).toBeNull();
  });

  it('explains a code it does not know as an unexpected error, never the code itself', () => {
    expect(errorMessageKey('SOMETHING_NEW')).toBe('error.UNEXPECTED');
    expect(translate('nl', errorMessageKey('INVALID_VAT'))).toBe('Dat btw-nummer is niet geldig. Controleer de landcode en de cijfers.');
  });

  it('translates every message into Dutch and French', () => {
    for (const lang of ['nl', 'fr'] as const) {
      expect(Object.keys(MESSAGES[lang]).sort()).toEqual(Object.keys(en).sort());
    }
  });
});
