/** What the public register's pages (views/registry, the certificate) receive. */
import type { AnnouncementKind, OrgStatus, OrgType, SupervisionMode } from "../domain/org-kinds";
import { CONCLUSIONS } from "../domain/workflow";

/** An organization as the register keeps it (one row of the register, the table's columns written out). */
export interface OrgRecord {
  id: number;
  uscc: string;
  name: string;
  nameEn: string | null;
  type: OrgType;
  status: OrgStatus;
  /** Date the current status took effect (成立 date while active). */
  statusOn: string;
  /** 0 for 正常, 1 for the terminal statuses. */
  terminated: number;
  address: string;
  purpose: string;
  businessScope: string;
  activityArea: string;
  legalRepresentative: string;
  capitalFen: number;
  supervisionMode: SupervisionMode;
  supervisor: string | null;
  supervisorUnitId: number | null;
  partyBuildingAuthority: string | null;
  authorityId: number;
  registeredOn: string;
  certificateIssuedOn: string | null;
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  isCharity: boolean;
  publicFundraising: boolean;
  /** Foundations: 公募 or 非公募. */
  foundationKind: "public" | "non_public" | null;
  rating: "1A" | "2A" | "3A" | "4A" | "5A" | null;
  ratingValidTo: string | null;
  staffFullTime: number | null;
  staffPartTime: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One organization with its authority's code and name, for the public pages, the certificate and the API. */
export interface OrgDetail {
  org: OrgRecord;
  authority: { code: string; name: string };
}

/** One of an organization's 公告, as its page shows it. */
export interface OrgNotice {
  id: number;
  orgId: number;
  authorityId: number;
  kind: AnnouncementKind;
  title: string;
  body: string;
  /** Decision document number (文号), if any. */
  documentNo: string | null;
  publishedOn: string;
  createdAt: string;
}

/** One organization in a search's results. */
export interface OrgSummary {
  id: number;
  uscc: string;
  name: string;
  type: OrgType;
  status: OrgStatus;
  statusOn: string;
  registeredOn: string;
  legalRepresentative: string;
  address: string;
  authority: { code: string; name: string };
}

/** One page of a search's results, with the count (capped) and how the query was understood. */
export interface SearchResult {
  mode: "uscc" | "name" | "filters";
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
  items: OrgSummary[];
}

/** The search's inspection filter: a conclusion, or 未参检. */
export const INSPECTION_OUTCOMES = [...CONCLUSIONS, "not_filed"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** A search as its form and links carry it, parsed (src/registry/params.ts parses it into this). */
export interface SearchQuery {
  q: string;
  type: OrgType | undefined;
  status: OrgStatus | undefined;
  authority: string | undefined;
  /** "1": the authority and those directly under it. */
  subordinates: "1" | undefined;
  /** `direct` 直接登记, `decoupled` 已脱钩, or a 业务主管单位's id. */
  supervisor: string | undefined;
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
