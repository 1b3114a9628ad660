/**
 * Warnings about imported rows' legal representatives: rules the register may already break (R-A3) and people on the
 * 严重违法失信名单. Such rows are imported as the register has them and listed for the registrar to check.
 */

import { and, eq, inArray, sql } from "drizzle-orm";
import { organizations } from "../../db/schema";
import { seriousPersonProblems } from "../credit/people";
import type { Db } from "../db";
import { legalRepresentativeProblems, type RepresentedOrg } from "../domain/registration";
import type { ValidRow } from "./import-parse";

/**
 * R-A3: rows whose legal representative also represents an organization the rule forbids — another row of this
 * import or an organization already registered (active ones, by name: the register holds no ID numbers). The register
 * may already hold such cases, so they are imported and listed for the registrar to check rather than refused.
 */
async function legalRepresentativeWarnings(db: Db, valid: ValidRow[]): Promise<Map<number, string>> {
  const rows = valid.filter((v) => v.row.status === "active" && v.row.legal_representative);
  const people = [...new Set(rows.map((v) => v.row.legal_representative))];
  const inFile = new Set(valid.map((v) => v.row.uscc));
  const held = new Map<string, (RepresentedOrg & { uscc: string })[]>();
  const add = (person: string, o: RepresentedOrg & { uscc: string }) =>
    held.set(person, [...(held.get(person) ?? []), o]);
  for (let i = 0; i < people.length; i += 500) {
    const registered = await db
      .select({
        uscc: organizations.uscc,
        name: organizations.name,
        type: organizations.type,
        person: organizations.legalRepresentative,
      })
      .from(organizations)
      .where(
        and(
          eq(organizations.status, "active"),
          inArray(organizations.legalRepresentative, people.slice(i, i + 500)),
        ),
      );
    for (const o of registered) if (!inFile.has(o.uscc)) add(o.person, o);
  }
  for (const { row } of rows)
    add(row.legal_representative, { uscc: row.uscc, name: row.name, type: row.type });
  const out = new Map<number, string>();
  for (const { line, row } of rows) {
    const person = row.legal_representative;
    const others = (held.get(person) ?? []).filter((o) => o.uscc !== row.uscc);
    if (legalRepresentativeProblems(row.type, person, others).length === 0) continue;
    // The organizations that make the conflict: a foundation conflicts with any; a 社团 with 社团 and foundations.
    const conflicting = others.filter(
      (o) =>
        row.type === "foundation" ||
        o.type === "foundation" ||
        (row.type === "social_group" && o.type === "social_group"),
    );
    out.set(
      line,
      `法定代表人 ${person} 同时是“${conflicting.map((o) => o.name).join("”“")}”的法定代表人：一人只能担任一个社会团体的法定代表人，基金会的法定代表人不得同时担任其他组织的法定代表人（R-A3）。已按原登记导入，请核实（可能是同名的不同人）。`,
    );
  }
  return out;
}

/**
 * The warnings per line: R-A3 conflicts, and a legal representative named among the people behind a 严重违法失信名单
 * entry of another organization (by name).
 */
export async function representativeWarnings(db: Db, valid: ValidRow[]): Promise<Map<number, string>> {
  const warnings = await legalRepresentativeWarnings(db, valid);
  // The people behind 严重违法失信名单 entries named as another organization's legal representative (by name).
  const seriousNames = new Set(
    (
      (await db.all(sql`SELECT DISTINCT p.person_name AS name FROM credit_case_people p
      JOIN credit_cases c ON c.id = p.case_id WHERE c.list = 'serious' AND c.state = 'listed'`)) as {
        name: string;
      }[]
    ).map((r) => r.name),
  );
  for (const { line, row } of valid) {
    if (row.status !== "active" || !seriousNames.has(row.legal_representative)) continue;
    // The row's own organization (on re-import) is not a match for its own people.
    const [self] = (await db.all(sql`SELECT id FROM organizations WHERE uscc = ${row.uscc}`)) as {
      id: number;
    }[];
    const own = await seriousPersonProblems(db, row.legal_representative, self?.id ?? null, false);
    if (own[0]) {
      const prior = warnings.get(line);
      warnings.set(line, prior ? `${prior}；${own[0].message}` : own[0].message);
    }
  }
  return warnings;
}
