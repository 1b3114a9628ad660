/**
 * Import of a bureau's register from CSV (npm run registry:import; later the registrar's upload page).
 * Headers in English or Chinese; a UTF-8 BOM is accepted. Every row is checked on its own: a bad row is reported
 * with its line number and reason and not written; good rows are upserted by 统一社会信用代码 in batches, each with
 * its audit event, changes keeping a history row with before/after and re-indexing the name for search.
 */

import { parse } from "csv-parse/sync";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import {
  announcements,
  authorities,
  ORG_STATUSES,
  ORG_TYPES,
  type OrgStatus,
  type OrgType,
  organizations,
  orgHistory,
} from "../../db/schema";
import { type Actor, commitWithAudit } from "../audit/audit";
import { sealAuditChain } from "../audit/chain";
import { seriousPersonProblems } from "../credit/people";
import type { BatchItem, Db } from "../db";
import { runBatch } from "../db";
import { parseYuan } from "../domain/money";
import { legalRepresentativeProblems, type RepresentedOrg } from "../domain/registration";
import { validateUscc } from "../domain/uscc";
import { chinaDateOf, isIsoDate } from "../domain/working-days";
import { nameTokens } from "./grams";
import { linkSupervisorUnitStatements } from "./supervisor-units";

const HEADER_ALIASES: Record<string, string> = {
  uscc: "uscc",
  统一社会信用代码: "uscc",
  name: "name",
  名称: "name",
  type: "type",
  类型: "type",
  status: "status",
  状态: "status",
  registered_on: "registered_on",
  成立日期: "registered_on",
  legal_representative: "legal_representative",
  法定代表人: "legal_representative",
  address: "address",
  住所: "address",
  business_scope: "business_scope",
  业务范围: "business_scope",
  supervisor: "supervisor",
  业务主管单位: "supervisor",
  authority_code: "authority_code",
  登记管理机关代码: "authority_code",
  authority_name: "authority_name",
  登记管理机关: "authority_name",
  capital_yuan: "capital_yuan",
  "注册资金(元)": "capital_yuan",
  "注册资金（元）": "capital_yuan",
  // The date the row's status took effect (注销/撤销/吊销 date; 成立 date while 正常), as the export writes it.
  status_on: "status_on",
  状态日期: "status_on",
  is_charity: "is_charity",
  慈善组织: "is_charity",
};
const REQUIRED = ["uscc", "name", "type", "registered_on", "authority_code", "authority_name"];

const TYPE_WORDS: Record<string, OrgType> = {
  social_group: "social_group",
  社会团体: "social_group",
  private_non_enterprise: "private_non_enterprise",
  民办非企业单位: "private_non_enterprise",
  社会服务机构: "private_non_enterprise",
  "民办非企业单位/社会服务机构": "private_non_enterprise",
  foundation: "foundation",
  基金会: "foundation",
};
const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};
const STATUS_WORDS: Record<string, OrgStatus> = {
  active: "active",
  正常: "active",
  deregistered: "deregistered",
  注销: "deregistered",
  revoked: "revoked",
  撤销: "revoked",
  license_revoked: "license_revoked",
  吊销: "license_revoked",
};

function normalizeDate(v: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(v.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isIsoDate(d) ? d : null;
}

const rowSchema = z.object({
  uscc: z.string().trim().min(1, "缺少统一社会信用代码"),
  name: z.string().trim().min(1, "缺少名称").max(100, "名称超过100个字"),
  type: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const t = TYPE_WORDS[v];
      if (!t)
        ctx.addIssue({
          code: "custom",
          message: `类型“${v}”无法识别（应为 ${ORG_TYPES.join("/")} 或 社会团体/民办非企业单位/社会服务机构/基金会）`,
        });
      return t ?? ("social_group" as OrgType);
    }),
  status: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return "active" as OrgStatus;
      const s = STATUS_WORDS[v];
      if (!s)
        ctx.addIssue({
          code: "custom",
          message: `状态“${v}”无法识别（应为 ${ORG_STATUSES.join("/")} 或 正常/注销/撤销/吊销）`,
        });
      return s ?? ("active" as OrgStatus);
    }),
  registered_on: z.string().transform((v, ctx) => {
    const d = normalizeDate(v);
    if (!d)
      ctx.addIssue({ code: "custom", message: `成立日期“${v}”格式不正确（应为 2020-01-31 或 2020/1/31）` });
    return d ?? "";
  }),
  status_on: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const d = normalizeDate(v);
      if (!d)
        ctx.addIssue({ code: "custom", message: `状态日期“${v}”格式不正确（应为 2020-01-31 或 2020/1/31）` });
      return d;
    }),
  is_charity: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const b = YES_NO[v.trim().toLowerCase()];
      if (b === undefined)
        ctx.addIssue({ code: "custom", message: `慈善组织“${v}”无法识别（应为 是 或 否）` });
      return b;
    }),
  legal_representative: z.string().trim().max(50, "法定代表人超过50个字").optional().default(""),
  address: z.string().trim().max(200, "住所超过200个字").optional().default(""),
  business_scope: z.string().trim().max(2000, "业务范围过长").optional().default(""),
  supervisor: z.string().trim().max(100).optional().default(""),
  authority_code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "登记管理机关代码应为6位行政区划代码"),
  authority_name: z.string().trim().min(1, "缺少登记管理机关名称").max(100),
  capital_yuan: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return 0;
      const r = parseYuan(v);
      if (!r.ok) ctx.addIssue({ code: "custom", message: `注册资金：${r.message}` });
      return r.ok ? r.fen : 0;
    }),
});
type Row = z.infer<typeof rowSchema>;

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  authoritiesCreated: number;
  errors: { line: number; reason: string }[];
  /** Rows written as the register has them but breaking a rule the register may already break (R-A3). */
  warnings: { line: number; reason: string }[];
  /**
   * What an earlier run left unfinished and this one completed (an import killed after its last batch): audit events
   * left unsealed, organizations not yet linked to their supervisor unit. Null when nothing was left.
   */
  resumed: { sealedEvents: number; linkedOrganizations: number } | null;
}

/** R-A11: the words an export writes in the 业务主管单位 column for an organization without one. */
const SUPERVISION_MODE_OF: Record<string, "direct" | "decoupled" | undefined> = Object.assign(
  Object.create(null),
  {
    直接登记: "direct",
    脱钩: "decoupled",
    已脱钩: "decoupled",
  },
);

/** Supervised organizations whose supervisor name is not yet linked to its unit (what linking would change). */
async function unlinkedSupervised(db: Db): Promise<number> {
  const [row] = (await db.all(sql`SELECT count(*) AS n FROM organizations o
    WHERE o.supervision_mode = 'supervised' AND o.supervisor IS NOT NULL AND trim(o.supervisor) <> ''
      AND o.supervisor_unit_id IS NOT (SELECT s.id FROM supervisor_units s WHERE s.name = trim(o.supervisor))`)) as {
    n: number;
  }[];
  return Number(row?.n ?? 0);
}

class DuplicateHeader extends Error {
  constructor(readonly names: string[]) {
    super(`duplicate header: ${names.join(", ")}`);
  }
}

/**
 * R-A3: rows whose legal representative also represents an organization the rule forbids — another row of this
 * import or an organization already registered (active ones, by name: the register holds no ID numbers). The register
 * may already hold such cases, so they are imported and listed for the registrar to check rather than refused.
 */
async function legalRepresentativeWarnings(
  db: Db,
  valid: { line: number; row: Row }[],
): Promise<Map<number, string>> {
  const rows = valid.filter((v) => v.row.status === "active" && v.row.legal_representative);
  const people = [...new Set(rows.map((v) => v.row.legal_representative))];
  const inFile = new Set(valid.map((v) => v.row.uscc));
  const held = new Map<string, (RepresentedOrg & { uscc: string })[]>();
  const add = (person: string, o: RepresentedOrg & { uscc: string }) =>
    held.set(person, [...(held.get(person) ?? []), o]);
  for (let i = 0; i < people.length; i += 500) {
    const registered = await db
      .select({
        uscc: organizations.uscc,
        name: organizations.name,
        type: organizations.type,
        person: organizations.legalRepresentative,
      })
      .from(organizations)
      .where(
        and(
          eq(organizations.status, "active"),
          inArray(organizations.legalRepresentative, people.slice(i, i + 500)),
        ),
      );
    for (const o of registered) if (!inFile.has(o.uscc)) add(o.person, o);
  }
  for (const { row } of rows)
    add(row.legal_representative, { uscc: row.uscc, name: row.name, type: row.type });
  const out = new Map<number, string>();
  for (const { line, row } of rows) {
    const person = row.legal_representative;
    const others = (held.get(person) ?? []).filter((o) => o.uscc !== row.uscc);
    if (legalRepresentativeProblems(row.type, person, others).length === 0) continue;
    // The organizations that make the conflict: a foundation conflicts with any; a 社团 with 社团 and foundations.
    const conflicting = others.filter(
      (o) =>
        row.type === "foundation" ||
        o.type === "foundation" ||
        (row.type === "social_group" && o.type === "social_group"),
    );
    out.set(
      line,
      `法定代表人 ${person} 同时是“${conflicting.map((o) => o.name).join("”“")}”的法定代表人：一人只能担任一个社会团体的法定代表人，基金会的法定代表人不得同时担任其他组织的法定代表人（R-A3）。已按原登记导入，请核实（可能是同名的不同人）。`,
    );
  }
  return out;
}

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

/** R-A7: the register changes a 变更 announces. */
const ANNOUNCED = { name: "名称", address: "住所", legalRepresentative: "法定代表人" } as const;

const TERMINAL_WORDS = { deregistered: "注销", revoked: "撤销", license_revoked: "吊销" } as const;

export interface ImportOptions {
  batchSize?: number;
  /** Validate and count, write nothing (the browser import's preview). */
  dryRun?: boolean;
  /** A registrar imports into its own authority only: rows of another authority are row errors. */
  onlyAuthorityCode?: string;
  /** Only data rows with index in [fromRow, toRow) are validated and written (chunked imports keep line numbers). */
  fromRow?: number;
  toRow?: number;
  /** The day 公告 of changes found on re-import are published (Asia/Shanghai); defaults to the current day. */
  today?: string;
}

export async function importRegisterCsv(
  db: Db,
  text: string,
  actor: Actor,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 200;
  const today = options.today ?? chinaDateOf(new Date());
  const report: ImportReport = {
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    authoritiesCreated: 0,
    errors: [],
    warnings: [],
    resumed: null,
  };
  // An earlier run killed between its last batch and the end left its events unsealed: seal them first.
  const sealedEvents = options.dryRun ? 0 : await sealAuditChain(db);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => {
        const keys = header.map((h) => HEADER_ALIASES[h.trim()] ?? `?${h.trim()}`);
        const twice = header.filter((_, i) => keys.indexOf(keys[i]!) !== keys.lastIndexOf(keys[i]!));
        if (twice.length > 0) throw new DuplicateHeader(twice.map((h) => h.trim()));
        return keys;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch (err) {
    if (err instanceof DuplicateHeader) {
      report.errors.push({
        line: 1,
        reason: `表头中有重复的列：${err.names.join("、")}（同一列只能出现一次，中英文列名也算同一列）`,
      });
      return report;
    }
    report.errors.push({
      line: (err as { lines?: number }).lines ?? 1,
      reason: `CSV 格式错误：${(err as Error).message}`,
    });
    return report;
  }
  if (records.length === 0) {
    report.errors.push({ line: 1, reason: "文件中没有数据行（只有表头或为空）。" });
    return report;
  }
  {
    const missing = REQUIRED.filter((k) => !(k in records[0]!.record));
    if (missing.length) {
      report.errors.push({ line: 1, reason: `表头缺少列：${missing.join("、")}` });
      return report;
    }
  }
  report.rows = records.length;

  const valid: { line: number; row: Row }[] = [];
  const seenCodes = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const from = options.fromRow ?? 0;
  const to = options.toRow ?? records.length;
  for (const [index, { record, info }] of records.entries()) {
    if (index < from || index >= to) continue;
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      report.errors.push({ line, reason: parsed.error.issues.map((i) => i.message).join("；") });
      continue;
    }
    const row = parsed.data;
    const v = validateUscc(row.uscc, row.type);
    if (!v.ok) {
      report.errors.push({ line, reason: `统一社会信用代码：${v.message}` });
      continue;
    }
    row.uscc = v.code;
    if (row.status_on && row.status_on < row.registered_on) {
      report.errors.push({ line, reason: `状态日期 ${row.status_on} 早于成立日期 ${row.registered_on}` });
      continue;
    }
    if (options.onlyAuthorityCode && row.authority_code !== options.onlyAuthorityCode) {
      report.errors.push({
        line,
        reason: `登记管理机关代码为 ${row.authority_code}，不是本机关（${options.onlyAuthorityCode}）：只能导入本机关登记的组织`,
      });
      continue;
    }
    const nameKey = `${row.authority_code}|${row.name}`;
    if (seenCodes.has(row.uscc)) {
      report.errors.push({ line, reason: `统一社会信用代码与第${seenCodes.get(row.uscc)}行重复` });
      continue;
    }
    if (seenNames.has(nameKey)) {
      report.errors.push({
        line,
        reason: `名称与第${seenNames.get(nameKey)}行在同一登记管理机关内重复（R-A4）`,
      });
      continue;
    }
    seenCodes.set(row.uscc, line);
    seenNames.set(nameKey, line);
    valid.push({ line, row });
  }

  // Authorities: created from code and name when not yet known.
  const codes = [...new Set(valid.map((v) => v.row.authority_code))];
  const authorityIds = new Map<string, number>();
  for (const code of codes) {
    const [found] = await db
      .select({ id: authorities.id })
      .from(authorities)
      .where(eq(authorities.code, code));
    if (found) authorityIds.set(code, found.id);
  }
  const toCreate = codes.filter((c) => !authorityIds.has(c));
  if (toCreate.length && options.dryRun) {
    // A preview creates nothing: new authorities count, and their rows can only be new organizations.
    for (const code of toCreate) authorityIds.set(code, -1);
    report.authoritiesCreated = toCreate.length;
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
      authorityIds.set(code, row!.id);
    }
    report.authoritiesCreated = toCreate.length;
  }

  const representativeWarnings = await legalRepresentativeWarnings(db, valid);
  // The people behind 严重违法失信名单 entries named as another organization's legal representative (by name).
  const seriousNames = new Set(
    (
      (await db.all(sql`SELECT DISTINCT p.person_name AS name FROM credit_case_people p
      JOIN credit_cases c ON c.id = p.case_id WHERE c.list = 'serious' AND c.state = 'listed'`)) as {
        name: string;
      }[]
    ).map((r) => r.name),
  );
  for (const { line, row } of valid) {
    if (row.status !== "active" || !seriousNames.has(row.legal_representative)) continue;
    // The row's own organization (on re-import) is not a match for its own people.
    const [self] = (await db.all(sql`SELECT id FROM organizations WHERE uscc = ${row.uscc}`)) as {
      id: number;
    }[];
    const own = await seriousPersonProblems(db, row.legal_representative, self?.id ?? null, false);
    if (own[0]) {
      const prior = representativeWarnings.get(line);
      representativeWarnings.set(line, prior ? `${prior}；${own[0].message}` : own[0].message);
    }
  }
  const written = new Set<number>();
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
        const parts = announced.map(
          (k) => `${ANNOUNCED[k]}由“${String(before[k])}”变更为“${String(after[k])}”`,
        );
        statements.push(
          db.insert(announcements).values({
            orgId: old.id,
            authorityId,
            kind: "change",
            title: `关于${old.name}变更登记的公告`,
            body: `${old.name}（统一社会信用代码：${old.uscc}）已办理变更登记：${parts.join("；")}。`,
            publishedOn: today,
          }),
        );
      }
      if ("name" in after) {
        const t = nameTokens(row.name);
        statements.push(db.run(sql`DELETE FROM org_name_grams WHERE rowid = ${old.id}`));
        statements.push(
          db.run(sql`INSERT INTO org_name_grams (rowid, uni, bi) VALUES (${old.id}, ${t.uni}, ${t.bi})`),
        );
      }
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
  // Supervisor names may be new or changed: keep the organizations' supervisor units in step (R-A11). The last chunk
  // links even when it wrote nothing, so that a re-run finishes what a killed run left.
  const lastChunk = (options.toRow ?? records.length) >= records.length;
  let linkedOrganizations = 0;
  if ((report.inserted + report.updated > 0 || lastChunk) && !options.dryRun) {
    const before = report.inserted + report.updated > 0 ? 0 : await unlinkedSupervised(db);
    await runBatch(db, linkSupervisorUnitStatements(db));
    linkedOrganizations = before;
  }
  if (sealedEvents > 0 || linkedOrganizations > 0) report.resumed = { sealedEvents, linkedOrganizations };
  for (const [line, reason] of representativeWarnings) {
    if (written.has(line)) report.warnings.push({ line, reason });
  }
  report.errors.sort((a, b) => a.line - b.line);
  report.warnings.sort((a, b) => a.line - b.line);
  return report;
}
