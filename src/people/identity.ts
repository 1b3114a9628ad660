/**
 * People are matched across organizations by their identity number without storing it (domain.md §8: ID numbers are
 * never public, and the register does not need them whole): the number is normalized and keyed-hashed with HMAC-SHA256
 * under the deployment's PERSON_KEY (Web Crypto, the same on Node and Workers). Only the hash and the last four
 * characters are kept; the tail lets a registrar tell two namesakes apart (shown as ****1234).
 */
import { z } from "zod";

/** A mainland resident identity number: 17 digits and a digit or X (the check character is verified). */
const ID_PATTERN = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function normalizeIdNumber(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** Why an identity number is wrong, in Chinese, or null when it is well-formed (GB 11643 check character). */
export function idNumberProblem(raw: string): string | null {
  const id = normalizeIdNumber(raw);
  if (id.length !== 18) return `身份证号码应为18位，现为${id.length}位。`;
  if (!ID_PATTERN.test(id)) return "身份证号码前17位应为数字，最后一位为数字或X。";
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  const expected = CHECK[sum % 11]!;
  if (id[17] !== expected) return `身份证号码校验位不符（最后一位应为${expected}），请核对。`;
  return null;
}

/** The birth date an identity number carries (YYYY-MM-DD). */
export function birthDateOf(raw: string): string {
  const id = normalizeIdNumber(raw);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export const idNumberField = (label = "身份证号码") =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}。`)
    .max(40, `${label}过长。`)
    .superRefine((v, ctx) => {
      const problem = idNumberProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform(normalizeIdNumber);

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** The keyed hash stored for a person (hex). The same number gives the same key under the same secret. */
export async function personKey(secret: string, idNumber: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await keyFor(secret),
    encoder.encode(normalizeIdNumber(idNumber)),
  );
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

export const idTailOf = (idNumber: string) => normalizeIdNumber(idNumber).slice(-4);
export { maskedId } from "../domain/id-mask";
