/** What the credit pages receive (views import these, never db/schema). */
import type {
  CreditAction,
  CreditGround,
  CreditList,
  CreditPersonRole,
  CreditState,
  PublicationPeriod,
  RemovalReason,
  ServiceMethod,
} from "../domain/credit";

export type { Refusal, Result } from "../result";

/** A record about one organization, with the names its lists show. */
interface OfOrganization {
  id: number;
  orgId: number;
  orgName: string;
  uscc: string;
  authorityId: number;
  authorityName: string;
}

export interface CaseRow extends OfOrganization {
  list: CreditList;
  ground: CreditGround;
  state: CreditState;
  facts: string;
  evidence: string | null;
  arisenOn: string;
  noticeMethod: ServiceMethod | null;
  noticeServedOn: string | null;
  objectionDeadline: string | null;
  objectionText: string | null;
  decisionOn: string | null;
  decisionReasons: string | null;
  documentNo: string | null;
  listedOn: string | null;
  removedOn: string | null;
  removalReason: RemovalReason | null;
  removalDocumentNo: string | null;
  publicationPeriod: PublicationPeriod;
  version: number;
}

export interface CaseEvent {
  action: string;
  toState: string;
  actorRole: string;
  actorName: string | null;
  at: string;
  details: Record<string, unknown> | null;
}

export interface CaseView extends CaseRow {
  events: CaseEvent[];
  /** What the viewer may do now (role, scope and state; the service decides the rest on submit). */
  actions: CreditAction[];
  today: string;
}

export interface QueueItem extends CaseRow {
  /** R-D10: working days left to enter a candidate (null once it has moved on). */
  entryDaysLeft: number | null;
  /** Years the R-D10 entry deadline crossed with no holiday calendar entered (counted by weekends only). */
  entryUncalendared: number[];
}

/** One entry as the public sees it (R-D8): listed or removed, never a candidate, no personal data. */
export interface PublicEntry {
  id: number;
  uscc: string;
  orgName: string;
  authorityName: string;
  list: CreditList;
  ground: CreditGround;
  facts: string;
  listedOn: string;
  documentNo: string | null;
  removedOn: string | null;
  removalReason: RemovalReason | null;
  removalDocumentNo: string | null;
}

/** A 整改通知书 as its pages show it (R-C5). */
export interface NoticeView extends OfOrganization {
  source: string;
  documentNo: string;
  facts: string;
  items: { text: string; basis: string }[];
  servedOn: string;
  deadline: string;
  state: "open" | "reported" | "accepted";
  rounds: { reportedAt: string; answers: string[]; returnedAt?: string; reason?: string }[];
  acceptedOn: string | null;
  version: number;
  /** Staff lists: years the deadline crossed with no holiday calendar entered (counted by weekends only). */
  deadlineUncalendared?: number[];
}

/** R-D7: a 事先告知 served by 公告, as /credit/notices publishes it. */
export interface PublishedNotice {
  orgName: string;
  uscc: string;
  authorityName: string;
  list: string;
  ground: string;
  facts: string;
  publishedOn: string;
  servedOn: string;
  objectionDeadline: string | null;
}

/** The words of a person's role on a 严重 list entry. */
export const PERSON_ROLE_LABELS: Record<CreditPersonRole, string> = {
  legal_representative: "法定代表人",
  principal: "负责人",
};

/** A person a 严重 list entry names (R-D8), as the case page shows it. */
export interface CasePerson {
  id: number;
  role: CreditPersonRole;
  personName: string;
  idTail: string | null;
  createdAt: string;
}

/** A registered letter to an organization's 住所 and what became of it (R-D2), as the letters page lists it. */
export interface LetterRow {
  id: number;
  orgName: string;
  uscc: string;
  purpose: string;
  address: string;
  sentOn: string;
  trackingNo: string;
  outcome: "pending" | "signed" | "unsigned";
  outcomeOn: string | null;
  outcomeNote: string | null;
  version: number;
}

/** A 行政处罚 record as the penalties page lists it (money in 分). */
export interface PenaltyRow {
  id: number;
  orgName: string;
  uscc: string;
  kind: "warning" | "fine" | "confiscation" | "suspension";
  amountFen: number | null;
  suspendedFrom: string | null;
  suspendedTo: string | null;
  department: string;
  documentNo: string;
  decidedOn: string;
  facts: string;
}

/** One 红名单 entry as /credit publishes it. */
export interface RedListRow {
  uscc: string;
  name: string;
  authorityName: string;
  rating: string | null;
  listedOn: string;
  removedOn: string | null;
  removalReason: string | null;
}
