/**
 * Registration applications: one file per kind (成立 establish.ts, 变更 change.ts, 章程核准 charter.ts, 注销
 * deregister.ts) for its rules and what its approval writes; the shared workflow in lifecycle.ts; reads in queries.ts.
 */

export {
  addApplicationAttachment,
  getApplicationAttachment,
  listApplicationAttachments,
} from "./attachments";
export type { TransitionInput, TransitionResult } from "./lifecycle";
export {
  act,
  applicationProblems,
  saveDraft,
  startEstablishment,
  startForOrg,
  startForOwnOrg,
  startPaperEstablishment,
  subjectOf,
} from "./lifecycle";
export { pendingLinkRequests, reissueLink, requestLinkRecovery } from "./link-recovery";
export {
  type ApplicationPageData,
  activeSupervisorUnits,
  applicationAuthorities,
  applicationPageData,
  orgApplicationsPage,
  registrarQueuePage,
  toApplicationOrg,
  toApplicationView,
} from "./pages";
export { applicationEvents, orgApplications, registrarQueue } from "./queries";
export { type DecisionInput, decide, previewProblems, startOnline } from "./requests";
export type { ApplicationRow, AuthorityFacts, Refusal, Viewer } from "./shared";
export {
  accessOf,
  auditActorOf,
  authorityFacts,
  findByLink,
  isFiler,
  isTerminated,
  loadApplication,
  regionPrefixes,
} from "./shared";
