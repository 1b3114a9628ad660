/** The kinds of party activity a ledger records (三会一课, 主题党日, 组织生活会), with their words. */
export const PARTY_ACTIVITY_KINDS = ["three_meetings", "theme_day", "life_meeting"] as const;
export type PartyActivityKind = (typeof PARTY_ACTIVITY_KINDS)[number];
export const PARTY_ACTIVITY_KIND_LABELS: Record<PartyActivityKind, string> = {
  three_meetings: "三会一课",
  theme_day: "主题党日",
  life_meeting: "组织生活会",
};
