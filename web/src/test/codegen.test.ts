import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

// The generated types in src/gql are committed: they must match the gateway's committed
// SDL and the operations in src/ (run `npm run codegen` after changing either).
describe('generated GraphQL types', () => {
  it('are up to date with services/gateway/schema.graphql and the operations', async () => {
    const root = join(__dirname, '..', '..');
    const files = (await generate({ ...config, cwd: root, silent: true }, false)) as { filename: string; content: string }[];
    for (const f of files) {
      const path = f.filename.startsWith('/') ? f.filename : join(root, f.filename);
      expect(readFileSync(path, 'utf8'), `${f.filename} is stale: npm run codegen`).toBe(f.content);
    }
    expect(files.length).toBeGreaterThan(1);
  }, 60_000);
});
