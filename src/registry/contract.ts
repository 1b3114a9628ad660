/** What the public register's pages (views/registry, the certificate) receive. */
import type { OrgStatus, OrgType } from "../domain/org-kinds";
import { CONCLUSIONS } from "../domain/workflow";

export type { OrgDetail, OrgNotice } from "./queries";
export type { SearchResult } from "./search";

/** The search's inspection filter: a conclusion, or 未参检. */
export const INSPECTION_OUTCOMES = [...CONCLUSIONS, "not_filed"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** A search as its form and links carry it, parsed (src/registry/params.ts parses it into this). */
export interface SearchQuery {
  q: string;
  type: OrgType | undefined;
  status: OrgStatus | undefined;
  authority: string | undefined;
  registered_from: string | undefined;
  registered_to: string | undefined;
  inspection: InspectionOutcome | undefined;
  inspection_year: number | undefined;
  credit: "abnormal" | "serious" | "none" | undefined;
  page: number;
  per_page: number;
}

/** The query string for a search (for links: pagination, CSV), leaving out empty values. */
export function searchQueryString(
  q: Partial<SearchQuery>,
  overrides: Record<string, string | number> = {},
): string {
  const p = new URLSearchParams();
  const entries: Record<string, unknown> = { ...q, ...overrides };
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === "" || (k === "page" && v === 1) || (k === "per_page" && v === 20)) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
