/** What the administrator's pages (authorities, supervisor units, the audit log) receive. */
import type { AuditEventRow } from "../audit/contract";

export interface AuthorityRow {
  id: number;
  code: string;
  name: string;
  level: string;
  regionCode: string;
  parentName: string | null;
}

export interface SupervisorUnitRow {
  id: number;
  name: string;
  /** The registration authority whose district it serves (R-A11), or null when not yet placed. */
  authorityName: string | null;
  /** Organizations it supervises. */
  orgs: number;
  /** Reviewer accounts bound to it. */
  reviewers: number;
}

/** The outcome of walking the audit chain: how many rows were checked and the first that does not match, if any. */
export interface AuditChainCheck {
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

export interface AuditBrowse {
  errors: Record<string, string>;
  rows: AuditEventRow[];
  orgNames: Map<number, string>;
  nextBefore: number | null;
  chain: AuditChainCheck | null;
}
