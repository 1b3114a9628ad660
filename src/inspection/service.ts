/**
 * The annual inspection's use cases: implements `InspectionService` (src/inspection/contract.ts)
 * from one module per seam: years.ts (the year, 未参检), filing-view.ts, sections.ts, transitions.ts,
 * review-queue.ts, rates.ts; their shared helpers are in filing-context.ts.
 *
 * Each mutation: load → scope (out of sight ⇒ not_found) → version → domain (decide / prechecks / windows) →
 * ONE batch: a conditional UPDATE of the filing naming the version it loaded, the stale guard right after it
 * (0 rows changed aborts the whole batch), the effects, the transition log row, notices, and the audit event.
 *
 * Versions: `version` is bumped by every write to a filing, `act_version` by transitions and take/release only.
 * A page that read version v is stale for an action when a transition happened after it (v < act_version); for a
 * section save also when that same section was saved after it — so a page saving its sections one by one with htmx
 * keeps working with the version it was rendered with, while two people editing the same thing collide visibly.
 */

import { addAttachment, getAttachment } from "./attachments";
import type { InspectionService } from "./contract";
import { nowIso } from "./filing-context";
import { getFiling, orgHome } from "./filing-view";
import { listNotices, markAllNoticesRead, markNoticeRead } from "./notices";
import { conclusionsAnnouncement, publicHistory } from "./public";
import { rates } from "./rates";
import { holdChange, queue } from "./review-queue";
import { saveSection } from "./sections";
import { act } from "./transitions";
import { listYears, markNotFiled, openYear } from "./years";

export { STALE_MESSAGE, todayOf } from "./filing-context";
export { act, getFiling, listYears, markNotFiled, openYear, orgHome, queue, rates, saveSection };

// ---------------------------------------------------------------------------------------------------------------

export const inspectionService: InspectionService = {
  openYear,
  listYears,
  markNotFiled,
  orgHome,
  getFiling,
  saveSection,
  addAttachment,
  getAttachment,
  act,
  queue,
  take: (deps, user, filingId, version) => holdChange(deps, user, filingId, version, true),
  release: (deps, user, filingId, version) => holdChange(deps, user, filingId, version, false),
  rates,
  publicHistory,
  conclusionsAnnouncement,
  notices: (deps, user, unreadOnly) => listNotices(deps.db, user, unreadOnly),
  markNoticeRead: (deps, user, noticeId) => markNoticeRead(deps.db, user, noticeId, nowIso(deps)),
  markAllNoticesRead: (deps, user) => markAllNoticesRead(deps.db, user, nowIso(deps)),
};
