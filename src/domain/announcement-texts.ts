/**
 * The words of every 公告 the register publishes, one template per kind, so a 公告 the app writes and one the demo
 * seed writes read the same (R-A7: 成立, 变更, 注销; R-A9: 撤销, 吊销; R-G2: a rating lowered or revoked; R-C4: the
 * 年检结论公告). Pure functions of plain data: the app's writers and db/seed call them, nothing else writes 公告 words.
 */
import { formatFen } from "./money";

export interface AnnouncementText {
  title: string;
  body: string;
}

/** Whom a 公告 is about: its name and 统一社会信用代码. */
export interface AnnouncedOrg {
  name: string;
  uscc: string;
}

const sentence = (s: string) => s.trim().replace(/[。；;.]+$/, "");

/** R-A7: 成立登记. `supervisor` is the 业务主管单位's name, or null for 直接登记 / 脱钩 (R-A11). */
export function establishmentAnnouncement(o: {
  name: string;
  uscc: string;
  typeLabel: string;
  address: string;
  legalRepresentative: string;
  capitalFen: number;
  supervisor: string | null;
  authorityName: string;
}): AnnouncementText {
  return {
    title: `关于准予${o.name}成立登记的公告`,
    body: `经审查，准予${o.name}成立登记。统一社会信用代码：${o.uscc}；类型：${o.typeLabel}；住所：${o.address}；法定代表人：${o.legalRepresentative}；注册资金：${formatFen(o.capitalFen)} 元；${o.supervisor ? `业务主管单位：${o.supervisor}` : "直接登记"}；登记管理机关：${o.authorityName}。`,
  };
}

/** One announced change (R-A7: 名称, 住所, 法定代表人), its field named in Chinese. */
export interface AnnouncedChange {
  label: string;
  before: string;
  after: string;
}

/** R-A7: 变更登记, named as the organization was called before the change. */
export function changeAnnouncement(o: AnnouncedOrg, changes: readonly AnnouncedChange[]): AnnouncementText {
  const parts = changes.map((c) => `${c.label}由“${c.before}”变更为“${c.after}”`);
  return {
    title: `关于准予${o.name}变更登记的公告`,
    body: `经审查，准予${o.name}（统一社会信用代码：${o.uscc}）变更登记：${parts.join("；")}。`,
  };
}

/** R-A7: 注销登记. */
export function deregistrationAnnouncement(o: AnnouncedOrg): AnnouncementText {
  return {
    title: `关于准予${o.name}注销登记的公告`,
    body: `经审查，准予${o.name}（统一社会信用代码：${o.uscc}）注销登记，其登记证书、印章同时作废。`,
  };
}

/** R-A9: 撤销登记 (`licence` false) or 吊销登记证书 (慈善组织, `licence` true), with the facts found. */
export function revocationAnnouncement(o: AnnouncedOrg, reason: string, licence: boolean): AnnouncementText {
  return {
    title: licence ? `关于吊销${o.name}登记证书的公告` : `关于撤销${o.name}登记的公告`,
    body: `${o.name}（统一社会信用代码：${o.uscc}）${sentence(reason)}。依法决定${licence ? "吊销其登记证书" : "撤销其登记"}，其登记证书、印章同时作废。`,
  };
}

/** R-G2: a 评估等级 lowered (`to` the new grade) or revoked (`to` null), with its grounds. */
export function ratingChangeAnnouncement(
  o: AnnouncedOrg,
  d: { from: string; to: string | null; reasons: readonly string[] },
): AnnouncementText {
  const decision = d.to
    ? `将其评估等级由${d.from}降为${d.to}`
    : `取消其${d.from}评估等级，收回评估等级证书和牌匾`;
  return {
    title: d.to ? `关于降低${o.name}评估等级的公告` : `关于取消${o.name}评估等级的公告`,
    body: `${o.name}（统一社会信用代码：${o.uscc}）${d.reasons.map(sentence).join("；")}。依据《社会组织评估管理办法》，决定${decision}。`,
  };
}

/** R-C4: the 年检结论公告 of one authority for one year, listing each organization and its conclusion. */
export function conclusionsAnnouncement(a: {
  authorityName: string;
  year: number;
  rows: readonly { name: string; uscc: string; conclusionLabel: string }[];
}): AnnouncementText & { lines: string[] } {
  const lines = a.rows.map(
    (r, i) => `${i + 1}. ${r.name}（统一社会信用代码：${r.uscc}）：${r.conclusionLabel}`,
  );
  return {
    title: `${a.authorityName}关于${a.year}年度社会组织年检结论的公告`,
    body: `${a.authorityName}对${a.rows.length}家社会组织${a.year}年度的年检作出结论，现予公告：${lines.join("；")}。`,
    lines,
  };
}
