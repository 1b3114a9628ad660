import { cnDate } from "./dates";
/**
 * 机器预审 of the people and governance sections: meetings the charter requires (R-C5), 换届 and officers (R-C5, R-A8,
 * R-F5), party building (R-F1, R-F3) and cadres holding posts (R-F5). All of these warn: the reviewer judges them.
 */
import { type Cadre, type InspectionReport, MEETING_KIND_LABELS, type Officer } from "./inspection-report";
import { partyFindings } from "./party";
import type { Add, PrecheckContext, PrecheckSettings } from "./prechecks";
import { isIsoDate } from "./working-days";

/** Completed years of age on a date (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// Meetings (the charter's requirements) ------------------------------------------------------------------------------------

export function checkMeetings(
  report: InspectionReport,
  ctx: PrecheckContext,
  settings: PrecheckSettings,
  add: Add,
) {
  const meetings = report.meetings;
  if (!meetings) return;
  const year = report.year;
  const req = settings.meetings[ctx.orgType];
  const counts = { general_assembly: 0, board: 0, standing_board: 0, supervisory_board: 0 };
  meetings.items.forEach((m, i) => {
    if (!m.date.startsWith(`${year}-`)) {
      add({
        id: `meetings.outside_year.${i}`,
        rule: "R-C5",
        severity: "block",
        section: "meetings",
        field: `meetings.items.${i}.date`,
        message: `第${i + 1}条会议（${MEETING_KIND_LABELS[m.kind]}）的日期 ${m.date} 不在 ${year} 年度内。本部分只填写 ${year} 年召开的会议，请改正日期或删除该条。`,
      });
      return;
    }
    counts[m.kind]++;
  });
  if (counts.board < req.boardPerYear) {
    add({
      id: "meetings.board",
      rule: "R-C5",
      severity: "warning",
      section: "meetings",
      field: "meetings.items",
      message: `章程要求理事会每年至少召开 ${req.boardPerYear} 次，本年度填报 ${counts.board} 次。如有遗漏请补填；确未召开的，请在审查时说明原因。`,
    });
  }
  if (counts.supervisory_board < req.supervisoryBoardPerYear) {
    add({
      id: "meetings.supervisory_board",
      rule: "R-C5",
      severity: "warning",
      section: "meetings",
      field: "meetings.items",
      message: `章程要求监事会每年至少召开 ${req.supervisoryBoardPerYear} 次，本年度填报 ${counts.supervisory_board} 次。如有遗漏请补填。`,
    });
  }
  if (req.generalAssemblyOncePerTerm) {
    const termYears = report.termChange?.termYears ?? settings.defaultTermYears;
    const dates = meetings.items.filter((m) => m.kind === "general_assembly").map((m) => m.date);
    const earlier = report.termChange?.lastGeneralAssemblyOn;
    if (earlier) dates.push(earlier);
    const last = dates.filter(isIsoDate).sort().at(-1);
    // Once per term: the latest assembly lies within one term before the end of the reporting year.
    const since = `${year - termYears}-12-31`;
    if (!last || last <= since) {
      add({
        id: "meetings.general_assembly_term",
        rule: "R-C5",
        severity: "warning",
        section: "meetings",
        field: "meetings.items",
        message: last
          ? `最近一次会员（代表）大会于 ${last} 召开，已超过一届（${termYears}年）。章程要求每届至少召开一次，请按章程召开并在审查时说明情况。`
          : `未填写会员（代表）大会召开情况。章程要求每届至少召开一次：本年度召开的请在本部分填写；往年召开的，请在「换届与负责人」中填写最近一次召开日期。`,
      });
    }
  }
}

// 换届 and officers (R-C5, R-A8, R-F5) -----------------------------------------------------------------------------------

export function checkTermAndOfficers(report: InspectionReport, settings: PrecheckSettings, add: Add) {
  const term = report.termChange;
  if (!term) return;
  const yearEnd = `${report.year}-12-31`;
  if (!term.heldThisYear && term.currentTermEndsOn <= yearEnd && !term.overdueExplanation) {
    add({
      id: "term.overdue",
      rule: "R-C5",
      severity: "warning",
      section: "termChange",
      field: "termChange.overdueExplanation",
      message: `本届任期已于 ${cnDate(term.currentTermEndsOn)} 届满，本年度未换届。请按章程及时换届，并在“逾期未换届的说明”中写明原因和计划换届时间。`,
    });
  }
  if (term.heldThisYear && !term.auditBeforeChange) {
    add({
      id: "term.audit",
      rule: "R-A8",
      severity: "warning",
      section: "termChange",
      field: "termChange.auditBeforeChange",
      message: "换届前应当进行财务审计。如已审计请勾选；未审计的，请在审查时说明。",
    });
  }
  term.officers.forEach((o, i) => {
    checkAgeAndTerms(
      o,
      i,
      "termChange",
      `termChange.officers.${i}`,
      `负责人 ${o.name}（${o.post}）`,
      report.year,
      settings,
      add,
    );
  });
}

function checkAgeAndTerms(
  person: Officer | Cadre,
  index: number,
  section: "termChange" | "cadres",
  path: string,
  who: string,
  year: number,
  settings: PrecheckSettings,
  add: Add,
) {
  const prefix = section === "termChange" ? "officers" : "cadres";
  const age = ageOn(person.birthDate, `${year}-12-31`);
  if (age > settings.officers.maxAge) {
    add({
      id: `${prefix}.age.${index}`,
      rule: "R-F5",
      severity: "warning",
      section,
      field: `${path}.birthDate`,
      message: `${who} 截至 ${year} 年底已满 ${age} 周岁，超过 ${settings.officers.maxAge} 周岁的任职年龄上限。请核对出生日期；确需继续任职的，请附上批准文件。`,
    });
  }
  if (person.termsServed > settings.officers.maxTerms) {
    add({
      id: `${prefix}.terms.${index}`,
      rule: "R-F5",
      severity: "warning",
      section,
      field: `${path}.termsServed`,
      message: `${who} 已连任 ${person.termsServed} 届，超过 ${settings.officers.maxTerms} 届的上限。请核对届数；确需连任的，请附上批准文件。`,
    });
  }
}

// Party building (R-F1, R-F3) ------------------------------------------------------------------------------------------------------

export function checkParty(report: InspectionReport, settings: PrecheckSettings, add: Add) {
  const p = report.partyBuilding;
  if (!p) return;
  const findings = partyFindings(
    {
      hasPartyOrg: p.hasPartyOrg,
      orgType: p.orgType ?? null,
      fullMembers: p.fullMembers,
      probationaryMembers: p.probationaryMembers,
      hasBranchCommittee: p.hasBranchCommittee,
      committeeSize: p.committeeSize ?? null,
      coveredUnits: p.coveredUnits ?? null,
      hasInstructor: p.hasInstructor,
    },
    settings.party,
  );
  // Possibilities the rule opens (党总支, 党委) are for the ledger, not warnings on a filing.
  for (const f of findings.filter((x) => x.level !== "info")) {
    add({
      id: `party.${f.id}`,
      rule: "R-F1",
      severity: "warning",
      section: "partyBuilding",
      field: `partyBuilding.${f.field}`,
      message: f.message,
    });
  }
}

// Cadres holding posts (R-F5) -------------------------------------------------------------------------------------------------------

const COUNTY_OR_ABOVE = new Set(["county", "bureau", "province"]);
const FOUNDATION_LEADING_POSTS = new Set(["chair", "vice_chair", "secretary_general"]);

export function checkCadres(
  report: InspectionReport,
  ctx: PrecheckContext,
  settings: PrecheckSettings,
  add: Add,
) {
  const cadres = report.cadres;
  if (!cadres) return;
  cadres.items.forEach((c, i) => {
    const path = `cadres.items.${i}`;
    const who = `${c.name}（${c.post}）`;
    const warn = (id: string, field: string, message: string) =>
      add({
        id: `cadres.${id}.${i}`,
        rule: "R-F5",
        severity: "warning",
        section: "cadres",
        field: `${path}.${field}`,
        message,
      });
    checkAgeAndTerms(c, i, "cadres", path, who, report.year, settings, add);
    if (c.retired) {
      if (c.paid) {
        warn(
          "paid",
          "paid",
          `退（离）休领导干部 ${who} 在社会组织兼职不得领取薪酬、奖金、津贴等报酬。请核对；如已领取，请在审查时说明。`,
        );
      }
      if (c.isLegalRepresentative) {
        warn(
          "legal_representative",
          "isLegalRepresentative",
          `退（离）休领导干部 ${who} 一般不得担任法定代表人。请核对；确需担任的，请附批准文件。`,
        );
      }
      if (ctx.orgType === "social_group" && c.socialGroupPosts > settings.retiredCadreMaxSocialGroupPosts) {
        warn(
          "posts",
          "socialGroupPosts",
          `退（离）休领导干部 ${who} 共兼任 ${c.socialGroupPosts} 个社团职务，最多只能兼任 ${settings.retiredCadreMaxSocialGroupPosts} 个。请核对。`,
        );
      }
      if (!c.approvalRecord) {
        warn(
          "approval",
          "approvalRecord",
          `退（离）休领导干部 ${who} 在社会组织兼职须经批准，每届任期都要重新审批。请填写批准文号。`,
        );
      }
    } else {
      if (COUNTY_OR_ABOVE.has(c.cadreLevel) && !c.approvalRecord) {
        warn(
          "approval",
          "approvalRecord",
          `在职县处级以上领导干部 ${who} 兼任社会组织领导职务须经批准。请填写批准文号；未经批准的，应当辞去该职务。`,
        );
      }
      if (ctx.orgType === "foundation" && FOUNDATION_LEADING_POSTS.has(c.postKind)) {
        warn(
          "foundation_post",
          "postKind",
          `基金会的理事长、副理事长和秘书长不得由现职国家工作人员兼任，${who} 为在职干部。请核对。`,
        );
      }
    }
  });
}
