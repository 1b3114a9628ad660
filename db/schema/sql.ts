import { sql } from "drizzle-orm";

/** `col IN ('a', 'b')` for a CHECK constraint over an enum's values (the values are code constants, never input). */
export const inList = (col: string, values: readonly string[]) =>
  sql.raw(`${col} IN (${values.map((v) => `'${v}'`).join(", ")})`);
