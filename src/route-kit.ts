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

/** A stored upload sent back as a download: never rendered inline, never sniffed, never cached by a shared cache. */
export const attachmentResponse = (c: C, file: { data: Uint8Array; contentType: string }, name: string) =>
  c.body(file.data as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  });
