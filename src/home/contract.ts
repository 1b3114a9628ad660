/**
 * What the role homes (/registrar, /supervisor, /portal, /admin) receive: plain data, apart from drizzle rows, so the
 * views under views/home/ import these types and never a service or the database.
 */
import type { ZombieOutcome } from "../domain/zombie-case";
import type { FilingSummary, FilingView, Notice, QueuePage, RatesRow } from "../inspection/contract";

/** The 年检 panel of the registrar's and the supervisor's homes: what waits, unread notices, the year's rates (R-C10). */
export interface ReviewInspectionHome {
  base: "/registrar" | "/supervisor";
  year: number | null;
  queue: QueuePage;
  rates: RatesRow[];
  notices: Notice[];
}

/** The 年检 panel of the organization's home: its current filing, the history, the next step and its notices. */
export interface PortalInspectionHome {
  current: FilingView | null;
  history: FilingSummary[];
  nextStep: string;
  notices: Notice[];
}

export interface PartyHomeFigures {
  total: number;
  organizational: number;
  work: number;
  pending: number;
  overdue: number;
}

export interface ZombieHomeFigures {
  candidates: number;
  open: number;
  closedThisYear: Partial<Record<ZombieOutcome, number>>;
}

export interface RegistrarHomeData {
  role: "registrar";
  authorityName: string;
  /** The authorities this registrar may read; `own` is its own, the others are read-only. */
  readable: { code: string; name: string; own: boolean }[];
  counts: { active: number; orgAccounts: number; applications: number };
  party: PartyHomeFigures;
  zombie: ZombieHomeFigures;
  inspection: ReviewInspectionHome;
}

export interface SupervisorHomeData {
  role: "supervisor";
  unitName: string;
  rows: { uscc: string; name: string; statusLabel: string; authorityName: string }[];
  total: number;
  page: number;
  pages: number;
  inspection: ReviewInspectionHome;
}

export interface PortalHomeData {
  role: "org";
  org: { name: string; uscc: string; statusLabel: string; authorityName: string };
  inspection: PortalInspectionHome;
  party: { pending: boolean; alert: "term_due" | "term_overdue" | null };
}

export interface AdminHomeData {
  role: "admin";
  counts: { label: string; value: number; href: string }[];
}

export type HomeData = RegistrarHomeData | SupervisorHomeData | PortalHomeData | AdminHomeData;

/** The roles with a home here; the party role's home is the 两个覆盖 overview of the party feature (/party). */
export type HomeRole = HomeData["role"];
