import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * The locality's changes to a domain setting ([C] in domain.md), each effective from a date (Asia/Shanghai). A
 * setting's value on a day is its newest change effective by then, else its default from domain.md (src/config.ts).
 * Rows are never updated or deleted: the history is the record of what applied when.
 */
export const settingChanges = sqliteTable(
  "setting_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The setting's path in DomainSettings, e.g. `creditPublicationDays` or `prechecks.officers`. */
    key: text("key").notNull(),
    /** The whole value of that path, as JSON. */
    value: text("value").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    reason: text("reason").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("setting_changes_key_idx").on(t.key, t.effectiveFrom, t.id),
    check("setting_changes_value_ck", sql`json_valid(${t.value})`),
    check(
      "setting_changes_date_ck",
      sql`${t.effectiveFrom} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
    ),
  ],
);
