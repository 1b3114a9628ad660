/** How a party organization's record reads, field by field: shared by the ledger, the change form and the diff. */

import { PARTY_ORG_TYPE_LABELS } from "../../src/domain/inspection-report";
import { PARTY_ACTIVITY_KIND_LABELS } from "../../src/domain/party-activities";
import type { PartyOrgRecord } from "../../src/party/contract";
import { cnDate } from "../components/dates";
import { SCROLL_REGION } from "../components/table";

export const yes = (v: boolean) => (v ? "是" : "否");

export const PARTY_FIELDS: { key: string; label: string; show: (v: PartyOrgRecord) => string }[] = [
  { key: "hasPartyOrg", label: "是否建立党组织", show: (v) => yes(v.hasPartyOrg) },
  { key: "orgType", label: "党组织类型", show: (v) => (v.orgType ? PARTY_ORG_TYPE_LABELS[v.orgType] : "—") },
  { key: "name", label: "党组织名称", show: (v) => v.name ?? "—" },
  { key: "approvalDoc", label: "批准成立文号", show: (v) => v.approvalDoc ?? "—" },
  { key: "approvedOn", label: "批准日期", show: (v) => cnDate(v.approvedOn) },
  { key: "parentOrg", label: "上级党组织", show: (v) => v.parentOrg ?? "—" },
  { key: "leadingBody", label: "党建工作领导机关", show: (v) => v.leadingBody ?? "—" },
  {
    key: "coveredOrgs",
    label: "联合党支部覆盖的其他单位",
    show: (v) => (v.coveredOrgs.length ? v.coveredOrgs.map((o) => o.name).join("、") : "—"),
  },
  { key: "secretaryName", label: "书记", show: (v) => v.secretaryName ?? "—" },
  { key: "secretaryIsOfficer", label: "书记是否为本组织负责人", show: (v) => yes(v.secretaryIsOfficer) },
  {
    key: "committeeSize",
    label: "支部委员会人数",
    show: (v) => (v.committeeSize ? `${v.committeeSize} 人` : "未设委员会"),
  },
  { key: "committeeMembers", label: "委员及分工", show: (v) => v.committeeMembers ?? "—" },
  { key: "termStart", label: "本届任期开始", show: (v) => cnDate(v.termStart) },
  { key: "termEnd", label: "本届任期届满", show: (v) => cnDate(v.termEnd) },
  { key: "inCharter", label: "党建工作写入章程", show: (v) => yes(v.inCharter) },
  { key: "instructorName", label: "党建工作指导员（联络员）", show: (v) => v.instructorName ?? "—" },
  { key: "instructorUnit", label: "指导员所在单位", show: (v) => v.instructorUnit ?? "—" },
  { key: "instructorAppointedOn", label: "指导员选派日期", show: (v) => cnDate(v.instructorAppointedOn) },
];

export const ACTIVITY_LABELS = PARTY_ACTIVITY_KIND_LABELS;

export const VERSION_STATE_LABELS: Record<PartyOrgRecord["state"], string> = {
  pending: "待确认",
  confirmed: "已确认",
  rejected: "已退回",
  withdrawn: "已撤回",
};

export const COUNT_SOURCE_LABELS = {
  ledger: "台账登记",
  inspection: "年度检查",
  registration: "党员情况调查表",
};

/** The record as a definition list. */
export function PartyRecord({ v }: { v: PartyOrgRecord }) {
  const fields = v.hasPartyOrg
    ? PARTY_FIELDS
    : PARTY_FIELDS.filter(
        (f) => ["hasPartyOrg", "leadingBody", "inCharter"].includes(f.key) || f.key.startsWith("instructor"),
      );
  return (
    <dl class="summary">
      {fields.map((f) => (
        <>
          <dt>{f.label}</dt>
          <dd>{f.show(v)}</dd>
        </>
      ))}
    </dl>
  );
}

/** What a pending change changes, field by field (old → new). */
export function ChangeDiff({ before, after }: { before: PartyOrgRecord | null; after: PartyOrgRecord }) {
  const rows = PARTY_FIELDS.map((f) => ({
    label: f.label,
    old: before ? f.show(before) : "—",
    now: f.show(after),
  })).filter((r) => r.old !== r.now);
  if (rows.length === 0) return <p>与已确认的信息相同。</p>;
  return (
    <div class="table-scroll" {...SCROLL_REGION}>
      <table>
        <caption class="visually-hidden">待确认的变更</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">已确认</th>
            <th scope="col">报送的变更</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.old}</td>
              <td>
                <ins>{r.now}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
