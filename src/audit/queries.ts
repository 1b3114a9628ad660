import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import type { Db } from "../db";
import { INSPECTION_ACTIONS, inspectionActionLabel } from "../domain/workflow";

/** Reading the audit log: administrators browse all of it, registrars their organizations' trail (issue 3). */
export interface AuditFilters {
  username?: string;
  orgId?: number;
  /** Exact action, or a family ending in `.` (e.g. `auth.`). */
  action?: string;
  /** Inclusive dates, YYYY-MM-DD (UTC day boundaries of the stored ISO time). */
  from?: string;
  to?: string;
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

export const AUDIT_PAGE_SIZE = 50;

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Newest first, keyset-paged by id: `before` is the last id of the previous page. */
export async function listAuditEvents(
  db: Db,
  filters: AuditFilters,
  before: number | null,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditEventRow[]; nextBefore: number | null }> {
  const where: SQL[] = [];
  if (filters.username) where.push(eq(auditEvents.actorUsername, filters.username));
  if (filters.orgId !== undefined) where.push(eq(auditEvents.orgId, filters.orgId));
  if (filters.action) {
    where.push(
      filters.action.endsWith(".")
        ? like(auditEvents.action, `${filters.action.replace(/[%_]/g, "")}%`)
        : eq(auditEvents.action, filters.action),
    );
  }
  if (filters.from) where.push(gte(auditEvents.at, filters.from));
  if (filters.to) where.push(lt(auditEvents.at, nextDay(filters.to)));
  if (before !== null) where.push(lt(auditEvents.id, before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}

/** Chinese names of the actions, for the trail; unknown ones show their code. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.login_throttled": "登录被限制",
  "auth.logout": "退出登录",
  "auth.session_ended": "结束会话",
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
  "registration.start": "创建登记申请",
  "registration.save": "保存登记申请",
  "registration.submit": "提交登记申请",
  "registration.return": "退回补正（登记）",
  "registration.approve": "准予登记",
  "registration.refuse": "不予登记",
  "registration.withdraw": "撤回登记申请",
  "inspection.year.open": "开启年检",
  "inspection.year.mark_not_filed": "标记未参检",
  "inspection.draft.create": "创建年检草稿",
  "inspection.section.save": "保存年检报告",
  "inspection.attachment.add": "上传年检附件",
  "holiday.add": "新增节假日",
  "holiday.remove": "删除节假日",
  "demo.seed": "生成演示数据",
  "demo.accounts": "生成演示账号",
};

/** The Chinese name of an action for the audit trail. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const step = action.startsWith("inspection.") ? action.slice("inspection.".length) : "";
  if ((INSPECTION_ACTIONS as readonly string[]).includes(step)) {
    return `年检：${inspectionActionLabel(step as (typeof INSPECTION_ACTIONS)[number])}`;
  }
  return action;
}

export const ACTION_FAMILIES: { value: string; label: string }[] = [
  { value: "auth.", label: "登录与会话" },
  { value: "account.", label: "账号管理" },
  { value: "organization.", label: "登记事项" },
  { value: "inspection.", label: "年检" },
  { value: "registration.", label: "登记申请" },
  { value: "authority.", label: "登记管理机关" },
  { value: "supervisor_unit.", label: "业务主管单位" },
];
