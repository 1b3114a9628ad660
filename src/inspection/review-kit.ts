/** What the reviewers' route modules share: the two reviewer areas, ids in paths, refusal codes as HTTP statuses. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { authorities } from "../../db/schema";
import type { AppEnv, SessionUser } from "../context";
import { refusalStatus } from "../http";
import type { Refusal } from "./contract";
import { authorityTree } from "./queries";
import { inspectionService as svc } from "./service";

export type C = Context<AppEnv>;
export type Base = "/registrar" | "/supervisor";

export const me = (c: C): SessionUser => c.get("user")!;
export const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();
export const idOf = (raw: string | undefined): number | null =>
  raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;

/** Refusal code → HTTP status: the one mapping of src/http.ts. */
export const statusOf = (r: Refusal): ContentfulStatusCode => refusalStatus(r);

/** decide()'s input refusals, shown next to the field they concern. */
export const FIELD_OF: Record<string, string> = {
  reason_required: "reason",
  deadline_invalid: "deadline",
  conclusion_missing: "conclusion",
  conclusion_inconsistent: "conclusion",
};

export async function yearsFor(c: C, user: SessionUser): Promise<number[]> {
  const years = await svc.listYears(c.get("deps"), user);
  return [...new Set(years.map((y) => y.year))].sort((a, b) => b - a);
}

export async function districtsOf(c: C, user: SessionUser): Promise<{ id: number; name: string }[]> {
  if (user.role !== "registrar" || user.authorityId === null) return [];
  const { db } = c.get("deps");
  const ids = await authorityTree(db, user.authorityId);
  const rows = await db
    .select({ id: authorities.id, name: authorities.name, code: authorities.code })
    .from(authorities);
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.code.localeCompare(b.code));
}
