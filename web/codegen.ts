import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/, from the gateway's committed SDL. The output in
// src/gql/ is committed, so a build needs no codegen run; `npm run codegen` refreshes it
// after the schema or an operation changes (the Vitest suite fails when it is stale).
const config: CodegenConfig = {
  schema: '../services/gateway/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', Decimal: 'string', JSON: 'unknown', Upload: 'File' },
      },
    },
  },
};
export default config;
