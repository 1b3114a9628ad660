/**
 * The kinds the register is made of (R-A1, R-A11): organization types, statuses (a terminal status is final),
 * supervision modes and authority levels. The domain defines them; db/schema builds its columns and checks from them,
 * and views take their words from src/registry/labels.ts.
 */
export const ORG_TYPES = ["social_group", "private_non_enterprise", "foundation"] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_STATUSES = ["active", "deregistered", "revoked", "license_revoked"] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const SUPERVISION_MODES = ["supervised", "direct", "decoupled"] as const;
export type SupervisionMode = (typeof SUPERVISION_MODES)[number];
export const AUTHORITY_LEVELS = ["national", "province", "city", "district"] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
/** The kinds of 公告 the register publishes (R-A7, R-A9, R-G2). */
export const ANNOUNCEMENT_KINDS = [
  "establishment",
  "change",
  "deregistration",
  "revocation",
  "license_revocation",
  /** R-G2: a 评估等级 lowered or revoked. */
  "rating_change",
] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];
