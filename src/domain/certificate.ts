import { cnDate } from "./dates";
/**
 * Whether a registration certificate (登记证书) is valid on a given day, and why not (the public
 * verification page behind the certificate's QR code). R-A9: 注销, 撤销 and 吊销 end the certificate with the
 * organization; otherwise it is valid within its validity period.
 */
import type { OrgStatus, OrgType } from "./org-kinds";

export interface CertificateFacts {
  status: OrgStatus;
  statusOn: string;
  certificateIssuedOn: string | null;
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
}

export type CertificateVerdict =
  | { valid: true; reason: string }
  | { valid: false; code: "terminated" | "not_issued" | "not_yet_valid" | "expired"; reason: string };

const TERMINATED: Partial<Record<OrgStatus, string>> = {
  deregistered: "注销",
  revoked: "撤销",
  license_revoked: "吊销",
};

export function certificateVerdict(c: CertificateFacts, today: string): CertificateVerdict {
  const ended = TERMINATED[c.status];
  if (ended) {
    return {
      valid: false,
      code: "terminated",
      reason: `该组织已于 ${cnDate(c.statusOn)} 被${ended}登记，登记证书随之作废。`,
    };
  }
  if (!c.certificateIssuedOn || !c.certificateValidFrom || !c.certificateValidTo) {
    return { valid: false, code: "not_issued", reason: "登记管理机关尚未为该组织发放登记证书。" };
  }
  if (today < c.certificateValidFrom) {
    return {
      valid: false,
      code: "not_yet_valid",
      reason: `证书自 ${cnDate(c.certificateValidFrom)} 起生效，今天尚未生效。`,
    };
  }
  if (today > c.certificateValidTo) {
    return {
      valid: false,
      code: "expired",
      reason: `证书有效期至 ${cnDate(c.certificateValidTo)}，已过期，请向登记管理机关申请换发。`,
    };
  }
  return {
    valid: true,
    reason: `证书真实有效，有效期 ${cnDate(c.certificateValidFrom)} 至 ${cnDate(c.certificateValidTo)}。`,
  };
}

export const CERTIFICATE_TITLES: Record<OrgType, string> = {
  social_group: "社会团体法人登记证书",
  private_non_enterprise: "民办非企业单位（法人）登记证书",
  foundation: "基金会法人登记证书",
};
