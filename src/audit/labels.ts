/**
 * The audit log in Chinese: every action, object and summary field as words a person reads. One table for the
 * actions (the workflow machines name their own steps: inspection.*, registration.*, credit.*); fallbacks name the
 * family or say "其他操作", and never print a stored code.
 */

import { creditMachine } from "../domain/credit";
import { annualInspectionMachine } from "../domain/inspection-workflow";
import { APPLICATION_KIND_LABELS } from "../domain/registration";
import { registrationMachine } from "../domain/registration-workflow";
import { zombieCaseMachine } from "../domain/zombie-case";
import { STATUS_LABELS, TYPE_LABELS } from "../registry/labels";

/** What a sentence about an audit event reads of it (an audit row has these and more). */
interface AuditEventWords {
  action: string;
  actorUsername: string | null;
  objectType: string | null;
  objectId: string | null;
  summary: Record<string, unknown> | null;
}

/** Chinese names of the actions that are not steps of a workflow machine. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.login_throttled": "登录被限制",
  "auth.logout": "退出登录",
  "auth.session_ended": "结束其他会话",
  "account.created": "开设账号",
  "account.activated": "激活账号",
  "account.disabled": "停用账号",
  "account.enabled": "启用账号",
  "account.link_reissued": "重发激活链接",
  "account.password_changed": "修改密码",
  "authority.create": "新增登记管理机关",
  "supervisor_unit.create": "新增业务主管单位",
  "organization.import.create": "导入新增组织",
  "organization.import.update": "导入更新组织",
  "organization.revoke": "撤销登记",
  "organization.rating_lower": "降低评估等级",
  "organization.rating_revoke": "取消评估等级",
  "registration.start": "创建登记申请",
  "registration.save": "保存登记申请",
  "registration.attachment.add": "上传登记申请材料",
  "registration.link_recovery.request": "请求找回申请链接",
  "registration.link_reissue": "发放新的申请链接",
  "registration.import.preview": "预览批量导入",
  "registration.import.done": "完成批量导入",
  "registration.import.cancel": "取消批量导入",
  "registration.import.file_missing": "批量导入文件缺失",
  "inspection.conclusions.announce": "发布年检结论公告（多家一并公告）",
  "inspection.year.open": "开启年检",
  "inspection.year.mark_not_filed": "标记未参检",
  "inspection.draft.create": "创建年检草稿",
  "inspection.section.save": "保存年检报告",
  "inspection.attachment.add": "上传年检附件",
  "inspection.take": "领取年检审查任务",
  "inspection.release": "放回年检审查任务",
  "inspection.seed": "生成演示年检数据",
  "credit.candidate": "列为信用名单候选",
  "credit.letter.sent": "寄出住所核查信件",
  "credit.letter.outcome": "登记住所核查结果",
  "credit.notice.issued": "发出整改通知书",
  "credit.notice.report": "提交整改报告",
  "credit.notice.accept": "验收整改",
  "credit.notice.return": "退回整改报告",
  "credit.penalty.recorded": "登记行政处罚",
  "zombie.signals": "计算僵尸型社会组织信号",
  "statistics.cubes": "更新统计汇总",
  "zombie.case.open": "僵尸型社会组织立案",
  "zombie.contact.add": "登记联系情况",
  "zombie.bulk.letter": "批量登记寄送核查信件",
  "zombie.bulk.assign": "批量分配跟进人员",
  "organization.license_revoke": "吊销登记证书",
  "credit.red_list.update": "更新红名单",
  "credit.person.add": "登记严重失信组织的法定代表人、负责人",
  "party.change.submit": "报送党组织信息变更",
  "party.change.revise": "修改待确认的党组织信息变更",
  "party.change.withdraw": "撤回党组织信息变更",
  "party.change.confirm": "确认党组织信息变更",
  "party.change.reject": "退回党组织信息变更",
  "party.counts.record": "登记党员人数",
  "party.activity.record": "登记党组织活动",
  "party.alerts.update": "更新换届提醒",
  "party.cadre.add": "登记领导干部兼职",
  "party.cadre.update": "修改领导干部兼职记录",
  "party.cadre.end": "登记领导干部离任",
  "demo.party": "生成演示党建数据",
  "demo.zombies": "生成演示僵尸型组织处置案件",
  "holiday.add": "新增节假日",
  "holiday.remove": "删除节假日",
  "settings.change": "调整业务参数",
  "job.run": "运行定时任务",
  "demo.seed": "生成演示数据",
  "demo.accounts": "生成演示账号",
};

export const ACTION_FAMILIES: { value: string; label: string }[] = [
  { value: "auth.", label: "登录与会话" },
  { value: "account.", label: "账号管理" },
  { value: "organization.", label: "登记事项" },
  { value: "inspection.", label: "年检" },
  { value: "registration.", label: "登记申请" },
  { value: "credit.", label: "信用管理" },
  { value: "zombie.", label: "僵尸型社会组织核查" },
  { value: "party.", label: "党建工作" },
  { value: "authority.", label: "登记管理机关" },
  { value: "supervisor_unit.", label: "业务主管单位" },
  { value: "holiday.", label: "节假日" },
  { value: "job.", label: "定时任务" },
  { value: "settings.", label: "业务参数" },
  { value: "demo.", label: "演示数据" },
];

const MACHINES: [string, { actions: Readonly<Record<string, { label: string }>> }, string][] = [
  ["inspection.", annualInspectionMachine, "年检："],
  ["registration.", registrationMachine, "登记申请："],
  ["credit.", creditMachine, "信用："],
  ["zombie.case.", zombieCaseMachine, "僵尸型组织处置："],
];

/** The Chinese name of an action; an unknown one is named by its family, never by its code. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  for (const [prefix, machine, lead] of MACHINES) {
    const step = action.startsWith(prefix) ? action.slice(prefix.length) : "";
    if (Object.hasOwn(machine.actions, step)) return `${lead}${machine.actions[step]!.label}`;
  }
  const family = ACTION_FAMILIES.find((f) => action.startsWith(f.value));
  return family ? `${family.label}相关操作` : "其他操作";
}

export const OBJECT_LABELS: Record<string, string> = {
  annual_inspection: "年检",
  application: "登记申请",
  authority: "登记管理机关",
  credit_case: "信用案件",
  cadre_post: "领导干部兼职记录",
  party_org_version: "党组织信息",
  zombie_case: "僵尸型组织处置案件",
  holiday: "节假日",
  import_job: "批量导入",
  inspection_year: "年检年度",
  job_run: "定时任务",
  letter: "住所核查信件",
  organization: "社会组织",
  penalty: "行政处罚",
  rectification_notice: "整改通知书",
  register: "登记簿",
  session: "会话",
  supervisor_unit: "业务主管单位",
  user: "账号",
  zombie_signals: "僵尸型社会组织信号",
};

/** Summary fields shown in the sentence; others are left out (the full record stays in the database). */
const SUMMARY_LABELS: Record<string, string> = {
  name: "名称",
  kind: "事项",
  channel: "渠道",
  year: "年度",
  round: "第几次提交",
  section: "报告部分",
  from: "原状态",
  to: "新状态",
  state: "状态",
  status: "状态",
  type: "类型",
  date: "日期",
  on: "日期",
  sentOn: "寄出日期",
  trackingNo: "挂号信单号",
  outcome: "结果",
  documentNo: "文号",
  deadline: "期限",
  filename: "文件",
  rows: "行数",
  errors: "错误行数",
  marked: "标记数",
  required: "应参检组织数",
  changed: "变更数",
  sessionsEnded: "结束的会话数",
  waitSeconds: "等待秒数",
  username: "用户名",
  role: "角色",
  level: "级别",
  reason: "原因",
  today: "运行日期",
  job: "任务",
  summary: "结果",
};

const VALUE_WORDS: Record<string, string> = {
  ...TYPE_LABELS,
  ...STATUS_LABELS,
  ...APPLICATION_KIND_LABELS,
  paper: "窗口（纸质）",
  online: "网上",
  city: "市级",
  district: "区县级",
  national: "国家级",
  province: "省级",
};
const STATE_WORDS: Record<string, string> = Object.fromEntries(
  [annualInspectionMachine, registrationMachine, creditMachine].flatMap((m) =>
    Object.entries(m.states as Record<string, { label: string }>).map(([k, v]) => [k, v.label]),
  ),
);

function valueText(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return `${v.length}项`;
  if (typeof v !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  const word = (["from", "to", "state"].includes(key) ? STATE_WORDS[v] : undefined) ?? VALUE_WORDS[v];
  if (word) return word;
  // A code this table does not know is left out rather than shown raw.
  return /^[a-z][a-z0-9_.]*$/.test(v) ? null : v.length > 60 ? `${v.slice(0, 60)}…` : v;
}

/**
 * One event as a sentence: "admin（系统管理员）开设账号：账号 zhang3。角色：登记管理机关工作人员；…". `roleLabel` names
 * the actor's role in the caller's words.
 */
export function auditSentence(e: AuditEventWords, roleLabel: string): string {
  const who = e.actorUsername ? `${e.actorUsername}（${roleLabel}）` : roleLabel;
  const what = actionLabel(e.action);
  const object = e.objectType
    ? `${OBJECT_LABELS[e.objectType] ?? "对象"}${e.objectId ? ` ${e.objectId}` : ""}`
    : "";
  const details: string[] = [];
  const summary = (e.summary ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(summary)) {
    const label = SUMMARY_LABELS[k];
    const text = label ? valueText(k, v) : null;
    if (label && text) details.push(`${label}：${text}`);
  }
  return `${who}${what}${object ? `：${object}` : ""}。${details.length ? `${details.join("；")}。` : ""}`;
}
