/**
 * What the registration views receive: plain view types, apart from drizzle rows. The service converts its rows into
 * these (src/registration/applications/view-model.ts); views import from here, never from db/schema or a service.
 */
import type { ANNOUNCEMENT_KINDS } from "../domain/org-kinds";
import type { ApplicationKind, IMPORT_JOB_STATES } from "../domain/registration";
import type { ApplicationState } from "../domain/registration-workflow";
import type { OrgRecord } from "../registry/contract";

/** A registration application as its pages show it (成立, 变更, 章程核准, 注销). */
export interface ApplicationView {
  id: number;
  kind: ApplicationKind;
  /** online 网上申请 | paper 窗口纸质申请 */
  channel: "online" | "paper";
  state: ApplicationState;
  version: number;
  /** How many times it was submitted (a correction loop adds one). */
  round: number;
  applicantName: string;
  /** The form as the filer left it (EstablishmentData, ChangeData, CharterData or DeregistrationData). */
  data: Record<string, unknown>;
  submittedOn: string | null;
  dueOn: string | null;
  correctionReason: string | null;
  correctionDeadline: string | null;
  correctionComments: { section: string; text: string }[] | null;
  decidedOn: string | null;
  decisionReason: string | null;
  documentNo: string | null;
  updatedAt: string;
}

/** The registered facts of the organization an application concerns, beside which a 变更 shows its new values. */
export type ApplicationOrg = Pick<
  OrgRecord,
  | "id"
  | "uscc"
  | "name"
  | "type"
  | "address"
  | "purpose"
  | "businessScope"
  | "activityArea"
  | "legalRepresentative"
  | "capitalFen"
  | "supervisor"
  | "supervisorUnitId"
>;

/** One step in an application's life (submitted, returned for correction, approved …). */
export interface ApplicationEventView {
  id: number;
  action: string;
  fromState: string;
  toState: string;
  actorLabel: string;
  reason: string | null;
  deadline: string | null;
  comments: { section: string; text: string }[] | null;
  at: string;
}

/** A row of the registrar's queue. */
export interface QueueRow {
  app: ApplicationView;
  orgName: string | null;
  orgUscc: string | null;
  authorityName: string;
  /** Working days left before the decision limit (R-A6), negative when overdue; null when no limit runs. */
  dueLeft: number | null;
  /** Years without a holiday calendar that the decision deadline crosses (counted by weekends only). */
  dueUncalendared: number[];
}

/** One line of an organization's 变更历史 (成立, 变更, 章程核准, 注销, imports, corrections …). */
export interface OrgHistoryEntry {
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actorLabel: string;
  reason: string | null;
  at: string;
}

/** What an import would do (its preview) and what it did so far. */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: { line: number; reason: string }[];
}

/** One column the import reads, for the page that explains the template. */
export interface ImportColumn {
  header: string;
  required: boolean;
  explain: string;
}

/** A registrar's import from the browser: the preview, then its progress in chunks. */
export interface ImportJobView extends ImportCounts {
  id: number;
  filename: string;
  state: (typeof IMPORT_JOB_STATES)[number];
  totalRows: number;
  processedRows: number;
  preview: ImportCounts & {
    /** Rows that will be written but need a look (R-A3, people behind 严重 entries); absent on older previews. */
    warnings?: { line: number; reason: string }[];
    /** The organizations that change, field by field in Chinese (old → new), the first PREVIEW_LIST_MAX. */
    changes?: {
      line: number;
      uscc: string;
      name: string;
      fields: { label: string; before: string; after: string }[];
    }[];
    /** The new organizations, the first PREVIEW_LIST_MAX. */
    created?: { line: number; uscc: string; name: string }[];
  };
  version: number;
  createdAt: string;
}

/** A published 公告 (成立, 变更, 注销, 撤销 …) as the public list and feed show it. */
export interface AnnouncementView {
  id: number;
  kind: (typeof ANNOUNCEMENT_KINDS)[number];
  title: string;
  body: string;
  documentNo: string | null;
  publishedOn: string;
  uscc: string;
  orgName: string;
  authorityName: string;
}

/** A recorded 年检 conclusion not yet published, as the batch 年检结论公告 page lists it (R-C4). */
export interface PendingConclusion {
  id: number;
  orgName: string;
  uscc: string;
  conclusion: string;
  conclusionLabel: string;
  concludedOn: string;
}

/** 业务主管单位 an application may name, under the district they serve (an <optgroup> each). */
export interface SupervisorUnitGroup {
  label: string;
  units: { id: number; name: string }[];
}

/** One material attached to an application (章程, 验资证明, 住所证明, other). */
export interface ApplicationAttachmentView {
  id: number;
  kind: "charter" | "capital" | "premises" | "other";
  filename: string;
  size: number;
  uploadedAt: string;
}
