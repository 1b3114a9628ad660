import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Passwords: scrypt from node:crypto (the same bytes on Node and workerd, see stack-notes.md), stored as a
 * PHC-style string with its parameters so they can be raised later; a login with older parameters rehashes.
 */
export interface ScryptParams {
  /** log2 of N (the cost). */
  ln: number;
  r: number;
  p: number;
}

/** OWASP-equivalent: N = 2^14, r = 8, p = 5 (16 MiB, ~140 ms). */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 14, r: 8, p: 5 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  // maxmem must exceed 128 · N · r; the default 32 MiB is too small at larger N.
  const maxmem = 256 * N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { N, r: params.r, p: params.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export function parsePasswordHash(stored: string): (ScryptParams & { salt: Buffer; key: Buffer }) | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  return {
    ln: Number(m[1]),
    r: Number(m[2]),
    p: Number(m[3]),
    salt: Buffer.from(m[4]!, "base64"),
    key: Buffer.from(m[5]!, "base64"),
  };
}

/** Checks a password in constant time; `needsRehash` when the stored parameters differ from the current ones. */
export async function verifyPassword(
  password: string,
  stored: string,
  current: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const needsRehash = parsed.ln !== current.ln || parsed.r !== current.r || parsed.p !== current.p;
  return { ok, needsRehash: ok && needsRehash };
}

/** A hash of nothing, so an unknown user costs the same time as a wrong password. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordTime(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password", params);
  await verifyPassword(password, await dummyHash, params);
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** The common-password list of zxcvbn-ts (about 49,000 entries), lower-cased. */
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a new password is refused, in Chinese, or null when it is acceptable: at least 10 characters, not in the list of
 * common passwords (also when it is a common one followed by digits or symbols, like password2026!), and not
 * containing the username.
 */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符，当前只有 ${length} 个。`;
  if (length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符。`;
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return "密码不能包含用户名。";
  const list = commonPasswords();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  if (list.has(lower) || (stem.length >= 4 && list.has(stem)) || /^(.)\1+$/u.test(password)) {
    return "这个密码太常见，很容易被猜到，请换一个。";
  }
  return null;
}
