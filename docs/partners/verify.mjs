// Verify a kmo-alert webhook call in Node.js (18+), with no dependencies.
//   node verify.mjs <secret> <webhook-id> <webhook-timestamp> <webhook-signature> < body
// Exit code 0: genuine and fresh; 1: refuse it.
import { createHmac, timingSafeEqual } from "node:crypto";

export function verify(secret, headers, body, now = Date.now() / 1000) {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  if (!id || !Number.isInteger(timestamp) || Math.abs(now - timestamp) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest("base64");
  // During a secret rotation the header holds several signatures: any one may match.
  return (headers["webhook-signature"] || "").split(" ").some((part) => {
    const [version, signature] = part.split(",");
    if (version !== "v1" || !signature) return false;
    const a = Buffer.from(signature), b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [secret, id, timestamp, signature] = process.argv.slice(2);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  process.exit(verify(secret, headers, Buffer.concat(chunks)) ? 0 : 1);
}
