/** The inspection rates by authority and organization type (R-C10). */

import { ORG_TYPES, type OrgType } from "../../db/schema";
import type { AppDeps, SessionUser } from "../context";
import { computeRates, type InspectionCounts, tally } from "../domain/inspection-stats";
import type { RatesRow } from "./contract";
import { authorityTree } from "./queries";
import { authorityName, filingCountsByGroup } from "./review-queries";

// ---------------------------------------------------------------------------------------------------------------
// Rates (R-C10)

export async function rates(deps: AppDeps, user: SessionUser, year: number): Promise<RatesRow[]> {
  const db = deps.db;
  let scope: number[] | null;
  if (user.role === "registrar" && user.authorityId !== null)
    scope = await authorityTree(db, user.authorityId);
  else if (user.role === "admin") scope = null;
  else return [];
  const rows = await filingCountsByGroup(db, year, scope);
  // Every filing row is an organization required to file (rows are created for exactly those, R-C2).
  const zero = (): InspectionCounts => ({
    required: 0,
    filed: 0,
    qualified: 0,
    basicallyQualified: 0,
    unqualified: 0,
  });
  const groups = new Map<
    string,
    { scope: "all" | number; scopeName: string; type: OrgType | "all"; counts: InspectionCounts }
  >();
  const add = (
    scopeKey: "all" | number,
    scopeName: string,
    type: OrgType | "all",
    c: InspectionCounts,
    n: number,
  ) => {
    const key = `${scopeKey}|${type}`;
    let g = groups.get(key);
    if (!g) {
      g = { scope: scopeKey, scopeName, type, counts: zero() };
      groups.set(key, g);
    }
    for (const k of Object.keys(c) as (keyof InspectionCounts)[]) g.counts[k] += c[k] * n;
  };
  const ownName = scope ? await authorityName(db, scope[0]!) : "全部";
  for (const type of ["all", ...ORG_TYPES] as const) add("all", `${ownName}（合计）`, type, zero(), 0);
  for (const r of rows) {
    // tally counts one organization; multiply by the group's size.
    const one = tally([{ required: true, state: r.state, conclusion: r.conclusion }]);
    const n = Number(r.n);
    add("all", `${ownName}（合计）`, "all", one, n);
    add("all", `${ownName}（合计）`, r.org_type, one, n);
    add(Number(r.authority_id), r.authority_name, "all", one, n);
    add(Number(r.authority_id), r.authority_name, r.org_type, one, n);
  }
  return [...groups.values()].map((g) => ({
    scope: g.scope,
    scopeName: g.scopeName,
    type: g.type,
    required: g.counts.required,
    rates: computeRates(g.counts),
  }));
}
