/**
 * Tokens for the name search index (db/migrations/0001_search_index.sql).
 * A name is normalized (NFKC, lower case, spaces collapsed) and cut into code points; each code point becomes an
 * ASCII token "u<hex>" (unigram) and each adjacent pair the concatenation of two (bigram). 1 character → one
 * unigram token, 2 → one bigram token, 3+ → a phrase of consecutive bigrams: exactly the names containing the text.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db";

export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const tok = (ch: string) => `u${ch.codePointAt(0)!.toString(16)}`;

export function nameTokens(name: string): { uni: string; bi: string } {
  const chars = Array.from(normalizeForSearch(name));
  const uni = chars.map(tok);
  const bi: string[] = [];
  for (let i = 0; i + 1 < uni.length; i++) bi.push(uni[i]! + uni[i + 1]!);
  return { uni: uni.join(" "), bi: bi.join(" ") };
}

/** The FTS5 MATCH expression for a name fragment, or null when it is empty after normalization. */
export function nameMatchExpression(fragment: string): string | null {
  const chars = Array.from(normalizeForSearch(fragment));
  if (chars.length === 0) return null;
  if (chars.length === 1) return `uni : "${tok(chars[0]!)}"`;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(tok(chars[i]!) + tok(chars[i + 1]!));
  return `bi : "${bigrams.join(" ")}"`;
}

/** Statement that (re)indexes one organization's name; put it in the same batch as the name's write. */
export function indexNameStatement(db: Db, orgId: number, name: string) {
  const { uni, bi } = nameTokens(name);
  return db.run(sql`INSERT INTO org_name_grams (rowid, uni, bi) VALUES (${orgId}, ${uni}, ${bi})`);
}

/** Statement that removes one organization from the index (before re-indexing a renamed organization). */
export function unindexNameStatement(db: Db, orgId: number) {
  return db.run(sql`DELETE FROM org_name_grams WHERE rowid = ${orgId}`);
}
