import { timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../audit/chain";

/**
 * Tokens after Lucia's recipe: `<id>.<secret>`, both random from crypto.getRandomValues; the database stores the id
 * and SHA-256(secret) only, so a leaked table cannot be replayed; secrets are compared in constant time.
 */
function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buf, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface NewToken {
  id: string;
  secret: string;
  /** What the client holds: `<id>.<secret>`. */
  token: string;
  secretHash: string;
}

export async function newToken(): Promise<NewToken> {
  const id = randomHex(16);
  const secret = randomHex(32);
  return { id, secret, token: `${id}.${secret}`, secretHash: await sha256Hex(secret) };
}

const TOKEN = /^([0-9a-f]{32})\.([0-9a-f]{64})$/;

/** Splits a token; null when it is not shaped like one (nothing is looked up then). */
export function parseToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token) return null;
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** Whether `secret` hashes to `expectedHash` (hex), compared in constant time. */
export async function secretMatches(secret: string, expectedHash: string): Promise<boolean> {
  const actual = Buffer.from(await sha256Hex(secret), "hex");
  const expected = Buffer.from(expectedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
