import { sql } from "drizzle-orm";
import type { Db } from "../db";

/**
 * The audit hash chain. hash(n) = SHA-256(hash(n-1) + "\n" + canonical(row n)), with hash(0) = "" for the first row.
 * Rows are inserted unsealed (hash NULL) inside the business batch and sealed here right after, in id order.
 * Sealing is deterministic, so two sealers racing compute the same values and the `hash IS NULL` guard makes the
 * second a no-op.
 */
export interface AuditRow {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  org_id: number | null;
  summary: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export function canonicalAuditContent(r: AuditRow): string {
  return JSON.stringify([
    r.id,
    r.at,
    r.actor_user_id,
    r.actor_username,
    r.actor_role,
    r.ip,
    r.action,
    r.object_type,
    r.object_id,
    r.org_id,
    r.summary,
  ]);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function chainHash(prevHash: string, row: AuditRow): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalAuditContent(row)}`);
}

const COLUMNS = sql.raw(
  "id, at, actor_user_id, actor_username, actor_role, ip, action, object_type, object_id, org_id, summary, prev_hash, hash",
);

export async function sealAuditChain(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = (await db.all(
      sql`SELECT ${COLUMNS} FROM audit_events WHERE hash IS NULL ORDER BY id LIMIT 500`,
    )) as AuditRow[];
    if (rows.length === 0) return sealed;
    const first = rows[0]!;
    const prev = (await db.all(
      sql`SELECT hash FROM audit_events WHERE id < ${first.id} ORDER BY id DESC LIMIT 1`,
    )) as { hash: string | null }[];
    let prevHash = prev[0]?.hash ?? "";
    const updates = [];
    for (const row of rows) {
      const hash = await chainHash(prevHash, row);
      updates.push(
        db.run(
          sql`UPDATE audit_events SET prev_hash = ${prevHash}, hash = ${hash} WHERE id = ${row.id} AND hash IS NULL`,
        ),
      );
      prevHash = hash;
    }
    await Promise.all(updates);
    sealed += rows.length;
  }
}

export interface ChainReport {
  checked: number;
  unsealed: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Walks the whole chain in id order; names the first row whose links or content do not match. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prevHash = "";
  let lastId = 0;
  let checked = 0;
  let unsealed = 0;
  for (;;) {
    const rows = (await db.all(
      sql`SELECT ${COLUMNS} FROM audit_events WHERE id > ${lastId} ORDER BY id LIMIT 2000`,
    )) as AuditRow[];
    if (rows.length === 0) return { checked, unsealed, firstBroken: null };
    for (const row of rows) {
      lastId = row.id;
      if (row.hash === null) {
        unsealed++;
        continue;
      }
      if (unsealed > 0) {
        return {
          checked,
          unsealed,
          firstBroken: { id: row.id, reason: "sealed row follows an unsealed row" },
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          checked,
          unsealed,
          firstBroken: {
            id: row.id,
            reason: "previous-hash link broken (a row before it was removed or altered)",
          },
        };
      }
      const expected = await chainHash(prevHash, row);
      if (expected !== row.hash) {
        return {
          checked,
          unsealed,
          firstBroken: { id: row.id, reason: "content does not match its hash (altered)" },
        };
      }
      prevHash = row.hash;
      checked++;
    }
  }
}
