import { eq, ne } from "drizzle-orm";
import { authorities, organizations, type registrationEvents, supervisorUnits } from "../../../db/schema";
import type { SessionUser } from "../../context";
import type { Db } from "../../db";
import {
  APPLICATION_KIND_LABELS,
  DEFAULT_DECISION_LIMITS,
  mayRegisterType,
  type RuleProblem,
} from "../../domain/registration";
import type { ApplicationState } from "../../domain/registration-workflow";
import {
  type WorkingDayCalendar,
  workingDaysRemaining,
  yearsWithoutCalendar,
} from "../../domain/working-days";
import { loadCalendar } from "../../inspection/holidays";
import type {
  ApplicationAttachmentView,
  ApplicationEventView,
  ApplicationOrg,
  ApplicationView,
  QueueRow,
  SupervisorUnitGroup,
} from "../contract";
import { listApplicationAttachments, mayAttach } from "./attachments";
import { applicationProblems } from "./lifecycle";
import { pendingLinkRequests } from "./link-recovery";
import { applicationEvents, orgApplications, registrarQueue } from "./queries";
import { type ApplicationRow, isFiler, type OrgRow, orgOf, type Viewer } from "./shared";
import { supervisorUnitGroups } from "./units";

/**
 * What the application pages show, read and converted into the view types of src/registration/contract.ts: the
 * views receive these, never the rows (a 成立 link's secret hash, for one, stays in the service).
 */

export function toApplicationView(row: ApplicationRow): ApplicationView {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    state: row.state,
    version: row.version,
    round: row.round,
    applicantName: row.applicantName,
    data: row.data,
    submittedOn: row.submittedOn,
    dueOn: row.dueOn,
    correctionReason: row.correctionReason,
    correctionDeadline: row.correctionDeadline,
    correctionComments: row.correctionComments,
    decidedOn: row.decidedOn,
    decisionReason: row.decisionReason,
    documentNo: row.documentNo,
    updatedAt: row.updatedAt,
  };
}

export function toApplicationOrg(row: OrgRow): ApplicationOrg {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    type: row.type,
    address: row.address,
    purpose: row.purpose,
    businessScope: row.businessScope,
    activityArea: row.activityArea,
    legalRepresentative: row.legalRepresentative,
    capitalFen: row.capitalFen,
    supervisor: row.supervisor,
    supervisorUnitId: row.supervisorUnitId,
  };
}

function toEventView(row: typeof registrationEvents.$inferSelect): ApplicationEventView {
  return {
    id: row.id,
    action: row.action,
    fromState: row.fromState,
    toState: row.toState,
    actorLabel: row.actorLabel,
    reason: row.reason,
    deadline: row.deadline,
    comments: row.comments,
    at: row.at,
  };
}

/** The active 业务主管单位, for the forms' choice and for reading a unit's id as its name. */
export async function activeSupervisorUnits(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: supervisorUnits.id, name: supervisorUnits.name })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.active, true))
    .orderBy(supervisorUnits.name);
}

export interface ApplicationPageData {
  title: string;
  app: ApplicationView;
  org: ApplicationOrg | null;
  /** The filer may change the form (a draft, or returned for correction). */
  editable: boolean;
  /** The registrar who may decide (not a city registrar reading a district's application). */
  isReviewer: boolean;
  problems: RuleProblem[];
  events: ApplicationEventView[];
  units: { id: number; name: string }[];
  /** The units the form offers: those of the application's district (R-A11). */
  unitGroups: SupervisorUnitGroup[];
  /** Working days left before the decision limit (R-A6). */
  dueLeft: number | null;
  /** Years without a holiday calendar that the decision deadline crosses (counted by weekends only). */
  dueUncalendared: number[];
  /** Whether the application's registrar may register a 基金会 (provincial level or above). */
  foundationAllowed: boolean;
  /** Who applied and how to reach them: for the registrar only (personal data, never public). */
  applicant: { name: string; phone: string | null } | null;
  /** The registration authority the application is filed with, for the applicant's "whom to contact". */
  authorityName: string;
  /** R-A6: the decision limit in working days from complete files. */
  decisionLimitDays: number;
  /** The materials attached (章程, 验资证明, 住所证明 …), and whether this viewer may add more. */
  attachments: ApplicationAttachmentView[];
  mayAttach: boolean;
  /** For the deciding registrar: when the applicant asked to recover a lost link since it was last issued. */
  linkRequests: string[];
}

/** R-A6: the registrar decides a 成立 within 60 working days of complete files (慈善组织 30); other kinds 30. */
function decisionLimitDays(app: ApplicationRow): number {
  const limits = DEFAULT_DECISION_LIMITS;
  if (app.kind !== "establishment") return limits[app.kind];
  return (app.data as { isCharity?: boolean }).isCharity === true
    ? limits.establishmentCharity
    : limits.establishment;
}

/** R-A6: the years the decision deadline was counted across with no holiday calendar entered (weekends only). */
function dueWithoutCalendar(
  app: { submittedOn: string | null; dueOn: string | null },
  calendar: WorkingDayCalendar,
): number[] {
  return app.dueOn ? yearsWithoutCalendar(app.submittedOn ?? app.dueOn, app.dueOn, calendar) : [];
}

async function authorityOf(db: Db, id: number) {
  const [row] = await db
    .select({ level: authorities.level, name: authorities.name })
    .from(authorities)
    .where(eq(authorities.id, id));
  return { level: row?.level ?? "city", name: row?.name ?? "登记管理机关" };
}

/** Everything one application's page shows to `viewer` (registrars also see the people behind 严重 entries, R-D8). */
export async function applicationPageData(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
  canAct: boolean,
  today: string,
  seriousPersonBlocks: boolean,
): Promise<ApplicationPageData> {
  const staffView = viewer.kind === "user" && viewer.user.role === "registrar";
  const [problems, events, units, org, calendar, authority, unitGroups, attachments, linkRequests] =
    await Promise.all([
      applicationProblems(db, app, today, staffView ? { seriousPersonBlocks } : null),
      applicationEvents(db, app.id),
      activeSupervisorUnits(db),
      orgOf(db, app),
      loadCalendar(db),
      authorityOf(db, app.authorityId),
      supervisorUnitGroups(db, app.authorityId),
      listApplicationAttachments(db, app.id),
      staffView && canAct ? pendingLinkRequests(db, app) : Promise.resolve([]),
    ]);
  const proposedName = (app.data as { name?: string }).name;
  return {
    title: `${APPLICATION_KIND_LABELS[app.kind]}${org ? `：${org.name}` : proposedName ? `：${proposedName}` : ""}`,
    app: toApplicationView(app),
    org: org ? toApplicationOrg(org) : null,
    editable: canAct && isFiler(viewer, app) && (app.state === "draft" || app.state === "returned"),
    isReviewer: canAct && staffView,
    applicant: staffView ? { name: app.applicantName, phone: app.applicantPhone ?? null } : null,
    problems,
    events: events.map(toEventView),
    units,
    unitGroups,
    dueLeft: app.dueOn ? workingDaysRemaining(today, app.dueOn, calendar) : null,
    dueUncalendared: app.dueOn ? dueWithoutCalendar(app, calendar) : [],
    foundationAllowed: mayRegisterType("foundation", authority.level),
    authorityName: authority.name,
    attachments,
    mayAttach: canAct && mayAttach(viewer, app),
    linkRequests,
    decisionLimitDays: decisionLimitDays(app),
  };
}

/** The registrar's queue with the working days left on each submitted application (R-A6). */
export async function registrarQueuePage(
  db: Db,
  user: SessionUser,
  state: ApplicationState | "open" | "all",
  today: string,
): Promise<QueueRow[]> {
  const rows = await registrarQueue(db, user, state);
  const calendar = await loadCalendar(db);
  return rows.map((r) => ({
    app: toApplicationView(r.app),
    orgName: r.orgName,
    orgUscc: r.orgUscc,
    authorityName: r.authorityName,
    dueLeft:
      r.app.dueOn && r.app.state === "submitted" ? workingDaysRemaining(today, r.app.dueOn, calendar) : null,
    dueUncalendared: r.app.state === "submitted" ? dueWithoutCalendar(r.app, calendar) : [],
  }));
}

/** An organization's own applications, for its 登记事项 page. */
export async function orgApplicationsPage(
  db: Db,
  orgId: number,
): Promise<{ org: ApplicationOrg; rows: ApplicationView[]; canApply: boolean } | null> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) return null;
  return {
    org: toApplicationOrg(org),
    rows: (await orgApplications(db, orgId)).map(toApplicationView),
    canApply: org.status === "active",
  };
}

/** The authorities a 成立 may be applied to online (every one below the national level). */
export async function applicationAuthorities(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: authorities.id, name: authorities.name })
    .from(authorities)
    .where(ne(authorities.level, "national"))
    .orderBy(authorities.code);
}
