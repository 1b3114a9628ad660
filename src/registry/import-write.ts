/**
 * Writing checked register rows: authorities created from code and name when not yet known, then the organizations
 * upserted by 统一社会信用代码 in batches, each batch with its audit events; changes keep a history row with
 * before/after, announce a 变更 (R-A7) and re-index the name for search.
 */

import { eq, inArray, sql } from "drizzle-orm";
import {
  announcements,
  authorities,
  type OrgStatus,
  type OrgType,
  organizations,
  orgHistory,
} from "../../db/schema";
import { type Actor, commitWithAudit } from "../audit/audit";
import type { BatchItem, Db } from "../db";
import { changeAnnouncement } from "../domain/announcement-texts";
import { formatFen } from "../domain/money";
import { nameTokens } from "./grams";
import type { RowError, ValidRow } from "./import-parse";
import { STATUS_LABELS, TYPE_LABELS } from "./labels";

/** R-A11: the words an export writes in the 业务主管单位 column for an organization without one. */
const SUPERVISION_MODE_OF: Record<string, "direct" | "decoupled" | undefined> = Object.assign(
  Object.create(null),
  {
    直接登记: "direct",
    脱钩: "decoupled",
    已脱钩: "decoupled",
  },
);

const COMPARED = [
  "name",
  "type",
  "status",
  "registeredOn",
  "legalRepresentative",
  "address",
  "businessScope",
  "supervisor",
  "capitalFen",
  "authorityId",
  "statusOn",
  "isCharity",
] as const;

/** The compared fields in Chinese, as the import's preview names them. */
const FIELD_LABELS: Record<(typeof COMPARED)[number], string> = {
  name: "名称",
  type: "类型",
  status: "状态",
  registeredOn: "成立日期",
  legalRepresentative: "法定代表人",
  address: "住所",
  businessScope: "业务范围",
  supervisor: "业务主管单位",
  capitalFen: "注册资金",
  authorityId: "登记管理机关",
  statusOn: "状态日期",
  isCharity: "慈善组织",
};

/** A compared value as a person reads it: labels for codes, money in 元 with two decimals, 是/否, （空）. */
function shown(k: (typeof COMPARED)[number], v: unknown, authorityCodes: Map<number, string>): string {
  if (v === null || v === undefined || v === "") return "（空）";
  if (k === "type") return TYPE_LABELS[v as OrgType] ?? String(v);
  if (k === "status") return STATUS_LABELS[v as OrgStatus] ?? String(v);
  if (k === "capitalFen") return `${formatFen(Number(v))} 元`;
  if (k === "isCharity") return v ? "是" : "否";
  if (k === "authorityId") return authorityCodes.get(Number(v)) ?? "其他登记管理机关";
  return String(v);
}

/** An organization the import changes, field by field (old → new), for the preview. */
export interface ImportChange {
  line: number;
  uscc: string;
  name: string;
  fields: { label: string; before: string; after: string }[];
}

/** An organization the import adds to the register, for the preview. */
export interface ImportCreated {
  line: number;
  uscc: string;
  name: string;
}

/** R-A7: the register changes a 变更 announces. */
const ANNOUNCED = { name: "名称", address: "住所", legalRepresentative: "法定代表人" } as const;

const TERMINAL_WORDS = { deregistered: "注销", revoked: "撤销", license_revoked: "吊销" } as const;

/**
 * The id of each row's authority, creating those not yet known (with their audit events). A dry run creates nothing:
 * a new authority gets id -1 and still counts as created.
 */
export async function resolveAuthorities(
  db: Db,
  actor: Actor,
  valid: ValidRow[],
  dryRun: boolean | undefined,
): Promise<{ ids: Map<string, number>; created: number }> {
  let created = 0;
  const codes = [...new Set(valid.map((v) => v.row.authority_code))];
  const ids = new Map<string, number>();
  for (const code of codes) {
    const [found] = await db
      .select({ id: authorities.id })
      .from(authorities)
      .where(eq(authorities.code, code));
    if (found) ids.set(code, found.id);
  }
  const toCreate = codes.filter((c) => !ids.has(c));
  if (toCreate.length && dryRun) {
    // A preview creates nothing: new authorities count, and their rows can only be new organizations.
    for (const code of toCreate) ids.set(code, -1);
    created = toCreate.length;
  } else if (toCreate.length) {
    const first = new Map(valid.map((v) => [v.row.authority_code, v.row.authority_name]));
    await commitWithAudit(
      db,
      actor,
      toCreate.map((code) =>
        db.insert(authorities).values({
          code,
          name: first.get(code)!,
          regionCode: code,
          level: code.endsWith("00") ? "city" : "district",
        }),
      ),
      toCreate.map((code) => ({
        action: "authority.create",
        objectType: "authority",
        objectId: code,
        summary: { code, name: first.get(code) },
      })),
    );
    for (const code of toCreate) {
      const [row] = await db
        .select({ id: authorities.id })
        .from(authorities)
        .where(eq(authorities.code, code));
      ids.set(code, row!.id);
    }
    created = toCreate.length;
  }
  return { ids, created };
}

/** The counts and row errors a write adds to the import's report. */
export interface WriteTally {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** What each changed organization changes, and the new organizations (the preview lists them). */
  changes: ImportChange[];
  created: ImportCreated[];
}

/**
 * Upserts the rows in batches of `batchSize`, adding to `report`; a row that breaks a rule only the register can show
 * (R-A4 name clash, R-A9 status) becomes a row error. Returns the lines written (or, on a dry run, that would be).
 */
export async function writeRows(
  db: Db,
  actor: Actor,
  valid: ValidRow[],
  authorityIds: Map<string, number>,
  report: WriteTally,
  options: { batchSize: number; dryRun?: boolean; today: string },
): Promise<Set<number>> {
  const { batchSize, today } = options;
  const written = new Set<number>();
  const authorityCodes = new Map([...authorityIds].map(([code, id]) => [id, code]));
  for (let i = 0; i < valid.length; i += batchSize) {
    const part = valid.slice(i, i + batchSize);
    const existing = await db
      .select()
      .from(organizations)
      .where(
        inArray(
          organizations.uscc,
          part.map((p) => p.row.uscc),
        ),
      );
    const byCode = new Map(existing.map((o) => [o.uscc, o]));
    const statements: BatchItem[] = [];
    const events: Parameters<typeof commitWithAudit>[3] & unknown[] = [];
    let inserted = 0;
    let updated = 0;
    for (const { line, row } of part) {
      const authorityId = authorityIds.get(row.authority_code)!;
      // R-A4: a name is unique within its authority; report the row rather than failing the batch.
      const [clash] = (await db.all(
        sql`SELECT uscc FROM organizations WHERE authority_id = ${authorityId} AND name = ${row.name} AND uscc <> ${row.uscc} LIMIT 1`,
      )) as { uscc: string }[];
      if (clash) {
        report.errors.push({
          line,
          reason: `名称“${row.name}”在该登记管理机关已被 ${clash.uscc} 使用（R-A4）`,
        });
        continue;
      }
      const old = byCode.get(row.uscc);
      // R-A9: 吊销 is for 慈善组织 only (the row may say whether it is one; otherwise the register does).
      const isCharity = row.is_charity ?? old?.isCharity ?? false;
      if (row.status === "license_revoked" && !isCharity && old?.status !== "license_revoked") {
        report.errors.push({
          line,
          reason:
            "状态：吊销登记证书只适用于慈善组织，该组织不是慈善组织（R-A9）；如系慈善组织，请在“慈善组织”列填写“是”。",
        });
        continue;
      }
      // The status takes effect on the row's own date; without one, what the register already holds stands, and a
      // status the register does not hold yet needs its date (an organization new to the register: its 成立 date).
      const statusOn =
        row.status_on ??
        (!old
          ? row.registered_on
          : row.status !== old.status && old.status === "active"
            ? null
            : old.status === "active" && old.statusOn === old.registeredOn
              ? row.registered_on
              : old.statusOn);
      if (statusOn === null) {
        report.errors.push({
          line,
          reason: `状态日期：状态变为“${TERMINAL_WORDS[row.status as keyof typeof TERMINAL_WORDS] ?? "正常"}”须填写状态日期（R-A9）`,
        });
        continue;
      }
      const values = {
        name: row.name,
        type: row.type,
        status: row.status,
        registeredOn: row.registered_on,
        legalRepresentative: row.legal_representative,
        address: row.address,
        businessScope: row.business_scope,
        // The export writes 直接登记 / 已脱钩 where there is no 业务主管单位: those words are a mode, not a unit's name.
        supervisor: SUPERVISION_MODE_OF[row.supervisor] ? null : row.supervisor || null,
        capitalFen: row.capital_yuan,
        authorityId,
        statusOn,
        isCharity,
      };
      if (!old) {
        statements.push(
          db.insert(organizations).values({
            ...values,
            uscc: row.uscc,
            supervisionMode:
              SUPERVISION_MODE_OF[row.supervisor] ?? (row.supervisor ? "supervised" : "direct"),
          }),
        );
        const t = nameTokens(row.name);
        statements.push(
          db.run(
            sql`INSERT INTO org_name_grams (rowid, uni, bi) SELECT id, ${t.uni}, ${t.bi} FROM organizations WHERE uscc = ${row.uscc}`,
          ),
        );
        events.push({
          action: "organization.import.create",
          objectType: "organization",
          objectId: row.uscc,
          summary: { name: row.name },
        });
        report.created.push({ line, uscc: row.uscc, name: row.name });
        inserted++;
        written.add(line);
        continue;
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const k of COMPARED) {
        if ((old[k] ?? null) !== (values[k] ?? null)) {
          before[k] = old[k];
          after[k] = values[k];
        }
      }
      if (Object.keys(after).length === 0) {
        report.unchanged++;
        continue;
      }
      // R-A9: 注销, 撤销 and 吊销 are terminal; an import cannot bring an organization back (the database refuses too).
      if ("status" in after && old.status !== "active") {
        report.errors.push({
          line,
          reason: `状态：该组织已是“${TERMINAL_WORDS[old.status as keyof typeof TERMINAL_WORDS] ?? old.status}”，终止登记后不能再变更状态（R-A9）。`,
        });
        continue;
      }
      statements.push(
        db
          .update(organizations)
          .set({
            ...values,
            version: sql`version + 1`,
            updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
          })
          .where(eq(organizations.id, old.id)),
      );
      // R-A7: a change of 名称, 住所 or 法定代表人 the register shows is a 变更, recorded and announced as one.
      const announced = (Object.keys(ANNOUNCED) as (keyof typeof ANNOUNCED)[]).filter((k) => k in after);
      statements.push(
        db.insert(orgHistory).values({
          orgId: old.id,
          kind: announced.length > 0 ? "change" : "import",
          before,
          after,
          actorUserId: actor.userId ?? null,
          actorLabel: actor.username ?? actor.role,
          reason: "登记簿导入",
        }),
      );
      if (announced.length > 0) {
        const text = changeAnnouncement(
          old,
          announced.map((k) => ({ label: ANNOUNCED[k], before: String(before[k]), after: String(after[k]) })),
        );
        statements.push(
          db
            .insert(announcements)
            .values({ orgId: old.id, authorityId, kind: "change", ...text, publishedOn: today }),
        );
      }
      if ("name" in after) {
        const t = nameTokens(row.name);
        statements.push(db.run(sql`DELETE FROM org_name_grams WHERE rowid = ${old.id}`));
        statements.push(
          db.run(sql`INSERT INTO org_name_grams (rowid, uni, bi) VALUES (${old.id}, ${t.uni}, ${t.bi})`),
        );
      }
      report.changes.push({
        line,
        uscc: old.uscc,
        name: old.name,
        fields: (Object.keys(after) as (typeof COMPARED)[number][]).map((k) => ({
          label: FIELD_LABELS[k],
          before: shown(k, before[k], authorityCodes),
          after: shown(k, after[k], authorityCodes),
        })),
      });
      events.push({
        action: "organization.import.update",
        objectType: "organization",
        objectId: row.uscc,
        orgId: old.id,
        summary: { before, after },
      });
      updated++;
      written.add(line);
    }
    if (statements.length && !options.dryRun) await commitWithAudit(db, actor, statements, events);
    report.inserted += inserted;
    report.updated += updated;
  }
  return written;
}
