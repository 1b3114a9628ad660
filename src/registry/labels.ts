import type { AnnouncementKind, OrgStatus, OrgType, SupervisionMode } from "../domain/org-kinds";

export const TYPE_LABELS: Record<OrgType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
};
export const STATUS_LABELS: Record<OrgStatus, string> = {
  active: "正常",
  deregistered: "注销",
  revoked: "撤销",
  license_revoked: "吊销",
};
/** R-A5: the capital's name depends on the type. */
export const CAPITAL_LABELS: Record<OrgType, string> = {
  social_group: "注册资金",
  private_non_enterprise: "开办资金",
  foundation: "原始基金",
};
export const SUPERVISION_LABELS: Record<SupervisionMode, string> = {
  supervised: "有业务主管单位",
  direct: "直接登记",
  decoupled: "已脱钩",
};

/** Who supervises an organization, in words: its 业务主管单位, or 直接登记 / 已脱钩 (R-A11). */
export function supervisorWords(mode: SupervisionMode, supervisor: string | null | undefined): string {
  return mode === "supervised" ? (supervisor ?? "—") : SUPERVISION_LABELS[mode];
}
export const ANNOUNCEMENT_LABELS: Record<AnnouncementKind, string> = {
  establishment: "成立登记",
  change: "变更登记",
  deregistration: "注销登记",
  revocation: "撤销登记",
  license_revocation: "吊销登记证书",
  rating_change: "评估等级调整",
};
