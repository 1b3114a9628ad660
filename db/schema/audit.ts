/**
 * The append-only audit log (审计日志). Every change of state appends a row in the same atomic batch.
 * Rows are chained: `prev_hash` is the previous row's `hash`, and `hash` = SHA-256 over the previous hash and this
 * row's canonical content. The chain is sealed right after the batch (src/audit/chain.ts), because SQLite has no
 * SHA-256 to compute it inside the insert; `npm run audit:verify` walks it and names the first broken row.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    actorUserId: integer("actor_user_id"),
    actorUsername: text("actor_username"),
    actorRole: text("actor_role").notNull(),
    ip: text("ip"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    /** The organization concerned, if any: registrars see their organizations' trail. */
    orgId: integer("org_id"),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_org_idx").on(t.orgId, t.id),
    index("audit_events_actor_idx").on(t.actorUserId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
    index("audit_events_at_idx").on(t.at),
    index("audit_events_unsealed_idx").on(t.id).where(sql`hash IS NULL`),
  ],
);
