/**
 * Zombie-organization signals (僵尸型社会组织 候选信号, src/domain/zombie.ts). One row per signal per organization while it
 * holds: the facts and dates that fired it and the day it was first seen; when it stops holding it is closed with its
 * date, never deleted (R-E1). At most one open row per organization and signal.
 *   signal  missed_inspections 连续未参加年检 | no_activity_after_certificate 证书后一年内未开展活动 | unreachable 无法联系
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ZOMBIE_SIGNALS } from "../../src/domain/zombie";
import { authorities, organizations } from "./registry";

export const zombieSignals = sqliteTable(
  "zombie_signals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organizations.id),
    authorityId: integer("authority_id")
      .notNull()
      .references(() => authorities.id),
    signal: text("signal", { enum: ZOMBIE_SIGNALS }).notNull(),
    /** In words, with the dates: "2024、2025年度连续未参检". */
    facts: text("facts").notNull(),
    firstSeenOn: text("first_seen_on").notNull(),
    closedOn: text("closed_on"),
  },
  (t) => [
    uniqueIndex("zombie_signals_open_uq").on(t.orgId, t.signal).where(sql`closed_on IS NULL`),
    index("zombie_signals_triage_idx").on(t.authorityId, t.closedOn, t.orgId),
    check(
      "zombie_signals_signal_ck",
      sql.raw(`signal IN (${ZOMBIE_SIGNALS.map((s) => `'${s}'`).join(", ")})`),
    ),
  ],
);
