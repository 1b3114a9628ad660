import type { OrgType } from "./org-kinds";

/**
 * What a 成立 applicant prepares (R-A6, R-A11, R-F3), by type: 社会团体登记管理条例 第十一条, 民办非企业单位登记管理
 * 暂行条例 第九条, 基金会管理条例 第九条. The attachments an applicant uploads are sorted into the same kinds.
 */

export const ATTACHMENT_KINDS = ["charter", "capital", "premises", "other"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  charter: "章程",
  capital: "验资证明或资金证明",
  premises: "住所证明",
  other: "其他材料",
};

const COMMON_TAIL = ["《支持党建工作承诺书》和党员情况调查表"];

export const ESTABLISHMENT_MATERIALS: Record<OrgType | "unknown", readonly string[]> = {
  social_group: [
    "章程草案（须经会员大会或会员代表大会通过）",
    "验资证明：活动资金不少于 3 万元（全国性 10 万元）的证明",
    "住所证明：房屋产权证明或一年以上的租赁合同",
    "业务主管单位的批准文件（直接登记的除外）",
    "发起人和拟任负责人的基本情况、身份证明",
    ...COMMON_TAIL,
  ],
  private_non_enterprise: [
    "章程草案",
    "验资报告：开办资金证明",
    "场所使用权证明：房屋产权证明或租赁合同",
    "业务主管单位的批准文件（直接登记的除外）",
    "拟任负责人的基本情况、身份证明",
    ...COMMON_TAIL,
  ],
  foundation: [
    "章程草案",
    "验资证明：原始基金已以货币资金到账的证明",
    "住所证明",
    "理事名单、身份证明，拟任理事长、副理事长、秘书长的简历",
    "业务主管单位同意设立的文件（直接登记的除外）",
    ...COMMON_TAIL,
  ],
  unknown: [
    "章程草案",
    "验资证明或资金证明",
    "住所证明：房屋产权证明或租赁合同",
    "业务主管单位的批准文件（直接登记的除外）",
    "拟任负责人的基本情况、身份证明",
    ...COMMON_TAIL,
  ],
};
