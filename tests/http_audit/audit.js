// The graphql-http server audit against a running gateway: prints one JSON line per audit
// that is not "ok" and a summary line; exit 1 when any MUST or SHOULD fails.
//   node audit.js http://127.0.0.1:8000/graphql [api-key]
// With a key, every request carries it (a keyed caller's rate limit, not an address's).
const { auditServer } = require('graphql-http');

(async () => {
  const [url, key] = process.argv.slice(2);
  const fetchFn = key
    ? (input, init = {}) => {
        const headers = new Headers(init.headers || {});
        headers.set('authorization', `Bearer ${key}`);
        return fetch(input, { ...init, headers });
      }
    : undefined;
  const results = await auditServer({ url, fetchFn });
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const r of results) {
    counts[r.status] += 1;
    if (r.status !== 'ok') {
      console.log(JSON.stringify({ status: r.status, id: r.id, name: r.name, reason: r.reason }));
    }
  }
  console.log(JSON.stringify({ summary: counts, audits: results.length }));
  process.exit(counts.error + counts.warn > 0 ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
