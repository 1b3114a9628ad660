/** What route handlers share: the signed-in user, id parameters, form reading and zod messages in Chinese. */
import type { Context } from "hono";
import { z } from "zod";
import type { Errors } from "../views/components/form";
import type { AppEnv } from "./context";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "./domain/text";

export type C = Context<AppEnv>;
export const me = (c: C) => c.get("user")!;
export const idOf = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);
export const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字。`)
    .refine((v) => !hasControlCharacters(v), `${label}${CONTROL_CHARACTER_MESSAGE}`);
export const errorsOf = (e: z.ZodError): Errors => {
  const out: Errors = {};
  for (const i of e.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
};
/** The form's text fields in a null-prototype object (a field named `__proto__` is just a key); files are left out. */
export const formOf = async (c: C): Promise<Record<string, string>> => {
  const body = await c.req.parseBody();
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
};
