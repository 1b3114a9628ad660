/** What the public page says of an organization's eligibility for 评估 (R-G1), from the register's own facts. */
import { sql } from "drizzle-orm";
import type { AppDeps } from "../context";
import { evaluationBarriers } from "../domain/evaluation";
import { readAll } from "./read";

export async function evaluationStanding(
  deps: AppDeps,
  org: { id: number; status: string; registeredOn: string },
  today: string,
): Promise<string[] | null> {
  if (org.status !== "active") return null;
  const [filings, penalties, listed] = await Promise.all([
    // R-C4: a conclusion counts once its 公告 is out; 未参检 is recorded as such.
    readAll(
      deps.db,
      sql`SELECT year, state, CASE WHEN state = 'published' THEN conclusion END AS conclusion
      FROM annual_inspections WHERE org_id = ${org.id} AND state IN ('published', 'not_filed')`,
    ) as Promise<{ year: number; state: string; conclusion: string | null }[]>,
    readAll(deps.db, sql`SELECT decided_on AS d FROM penalties WHERE org_id = ${org.id}`) as Promise<
      { d: string }[]
    >,
    readAll(
      deps.db,
      sql`SELECT 1 AS x FROM credit_cases WHERE org_id = ${org.id} AND state = 'listed' LIMIT 1`,
    ),
  ]);
  return evaluationBarriers(
    {
      registeredOn: org.registeredOn,
      filings: filings.map((f) => ({ ...f, year: Number(f.year) })),
      penalties: penalties.map((p) => p.d),
      listed: listed.length > 0,
    },
    today,
  );
}
