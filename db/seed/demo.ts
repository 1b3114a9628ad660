/**
 * The demo city (示范市): a fictional prefecture-level city with a city authority and three district authorities,
 * about 2,000 organizations of the three types with codes, addresses, legal representatives, 20 years of
 * registrations, some 注销 and 撤销, changes with history, and their 公告. Made-up people and places only.
 * Deterministic: the same seed gives the same city.
 */
import { sql } from "drizzle-orm";
import { auditStatement, systemActor } from "../../src/audit/audit";
import { sealAuditChain } from "../../src/audit/chain";
import { type BatchItem, type Db, runBatch } from "../../src/db";
import { issueUscc } from "../../src/domain/uscc";
import { nameTokens } from "../../src/registry/grams";
import {
  announcements,
  authorities,
  type OrgStatus,
  type OrgType,
  organizations,
  orgHistory,
} from "../schema";
import { address, BANNED_NAME_PARTS, organizationName, personName } from "./names";
import { createRandom } from "./random";

export const DEMO_PASSWORD = "demo-password-2026";
/** Demo accounts (demo mode only): created once the accounts feature lands (issue 3). */
export const DEMO_ACCOUNTS: { username: string; role: string; description: string }[] = [];

export const DEMO_AUTHORITIES = [
  { code: "159900", name: "示范市民政局", level: "city" as const, district: "", prefixes: ["示范市", "市"] },
  {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district" as const,
    district: "东湖区",
    prefixes: ["东湖区"],
  },
  {
    code: "159902",
    name: "示范市西山区民政局",
    level: "district" as const,
    district: "西山区",
    prefixes: ["西山区"],
  },
  {
    code: "159903",
    name: "示范市南河区民政局",
    level: "district" as const,
    district: "南河区",
    prefixes: ["南河区"],
  },
];

const SUPERVISORS = [
  "示范市教育局",
  "示范市卫生健康委员会",
  "示范市民政局",
  "示范市科学技术协会",
  "示范市文化旅游体育局",
  "示范市人力资源和社会保障局",
  "示范市农牧局",
];
const TYPE_LABEL: Record<OrgType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addYears = (date: string, years: number) =>
  `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace("-02-29", "-02-28");

export interface DemoSummary {
  organizations: number;
  byType: Record<OrgType, number>;
  byStatus: Record<OrgStatus, number>;
}

/** Builds the city's rows in memory (pure); `seedDemoCity` writes them. */
export function generateDemoCity(options: { count?: number; seed?: number; today?: string } = {}) {
  const count = options.count ?? 2000;
  const rnd = createRandom(options.seed ?? 20261122);
  const today = options.today ?? "2026-11-22";
  const start = Date.UTC(2006, 0, 1);
  const end = Date.UTC(2026, 9, 31);
  const sequences = new Map<string, number>();
  const namesTaken = new Set<string>();
  const orgs: (typeof organizations.$inferInsert & { id: number; authorityCode: string })[] = [];
  const history: (typeof orgHistory.$inferInsert)[] = [];
  const notices: (Omit<typeof announcements.$inferInsert, "authorityId"> & { authorityCode: string })[] = [];
  let docNo = 1;

  for (let i = 0; orgs.length < count && i < count * 5; i++) {
    const a = rnd.chance(0.4) ? DEMO_AUTHORITIES[0]! : DEMO_AUTHORITIES[rnd.int(1, 3)]!;
    const roll = rnd.next();
    const type: OrgType =
      a.level === "city" && roll < 0.1
        ? "foundation"
        : roll < 0.6
          ? "social_group"
          : "private_non_enterprise";
    const name = organizationName(rnd, type, rnd.pick(a.prefixes));
    if (namesTaken.has(`${a.code}|${name}`) || BANNED_NAME_PARTS.some((b) => name.includes(b))) continue;
    namesTaken.add(`${a.code}|${name}`);

    const key = `${a.code}|${type}`;
    const seq = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, seq);
    const id = orgs.length + 1;
    const registeredOn = iso(new Date(start + rnd.next() * (end - start)));
    const district = a.district || rnd.pick(["东湖区", "西山区", "南河区"]);
    const isTrade = type === "social_group" && /商会|行业/.test(name);
    const supervisionMode = isTrade
      ? rnd.chance(0.5)
        ? "direct"
        : "decoupled"
      : rnd.chance(0.12)
        ? "direct"
        : "supervised";
    const foundationKind = type === "foundation" ? (rnd.chance(0.4) ? "public" : "non_public") : null;
    // R-A1 / R-A2 minimums (local): 社团 ≥ ¥30,000; 基金会 ≥ ¥2,000,000 非公募, ≥ ¥4,000,000 公募.
    const capitalYuan =
      type === "foundation"
        ? (foundationKind === "public" ? 4_000_000 : 2_000_000) + rnd.int(0, 60) * 100_000
        : type === "social_group"
          ? 30_000 + rnd.int(0, 47) * 10_000
          : 30_000 + rnd.int(0, 197) * 10_000;
    // Certificates run five years and are renewed; some lapsed.
    let issuedOn = registeredOn;
    while (addYears(issuedOn, 5) < today && rnd.chance(0.85)) issuedOn = addYears(issuedOn, 5);
    const statusRoll = rnd.next();
    const status: OrgStatus = statusRoll < 0.06 ? "deregistered" : statusRoll < 0.09 ? "revoked" : "active";
    const regYear = Number(registeredOn.slice(0, 4));
    const statusOn =
      status === "active"
        ? registeredOn
        : `${Math.min(2026, regYear + rnd.int(2, 12))}-${String(rnd.int(1, 10)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
    const legal = personName(rnd);
    const isCharity = type !== "social_group" && rnd.chance(0.12);
    orgs.push({
      id,
      authorityCode: a.code,
      uscc: issueUscc(a.code, type, seq),
      name,
      type,
      status,
      statusOn: statusOn < registeredOn ? registeredOn : statusOn,
      address: address(rnd, district),
      purpose: `遵守宪法、法律、法规和国家政策，践行社会主义核心价值观，${type === "foundation" ? "资助公益事业" : "服务会员和社会"}，促进${name.replace(/^(示范市|市|东湖区|西山区|南河区)/, "").slice(0, 6)}事业健康发展。`,
      businessScope:
        type === "social_group"
          ? "组织交流研讨、业务培训、咨询服务、行业自律、承接政府委托事项。"
          : type === "foundation"
            ? "接受社会捐赠，开展公益资助项目，奖励先进，开展相关公益活动。"
            : "提供专业服务、培训、咨询，开展公益活动。",
      activityArea: a.level === "city" ? "示范市行政区域" : `示范市${a.district}行政区域`,
      legalRepresentative: legal,
      capitalFen: capitalYuan * 100,
      supervisionMode,
      supervisor: supervisionMode === "supervised" ? rnd.pick(SUPERVISORS) : null,
      partyBuildingAuthority: supervisionMode === "supervised" ? null : "中共示范市社会组织综合委员会",
      registeredOn,
      certificateIssuedOn: issuedOn,
      certificateValidFrom: issuedOn,
      certificateValidTo: addYears(issuedOn, 5),
      phone: `0000-8${String(rnd.int(100000, 999999))}`,
      email: rnd.chance(0.4) ? `contact${id}@example.org` : null,
      website: rnd.chance(0.15) ? `https://org${id}.example.org` : null,
      isCharity,
      publicFundraising: isCharity && (foundationKind === "public" || rnd.chance(0.2)),
      foundationKind,
      rating: rnd.chance(0.12) ? rnd.pick(["2A", "3A", "3A", "4A", "5A"] as const) : null,
      ratingValidTo: null,
      staffFullTime: rnd.int(0, 40),
      staffPartTime: rnd.int(0, 15),
      authorityId: 0,
    });
    notices.push({
      orgId: id,
      authorityCode: a.code,
      kind: "establishment",
      title: `${name}成立登记公告`,
      body: `经审查，${name}符合《${type === "social_group" ? "社会团体登记管理条例" : type === "foundation" ? "基金会管理条例" : "民办非企业单位登记管理暂行条例"}》规定的条件，准予成立登记。类型：${TYPE_LABEL[type]}；法定代表人：${legal}；住所：${orgs[orgs.length - 1]!.address}。`,
      publishedOn: registeredOn,
      documentNo: null,
    });
    // Some organizations changed their legal representative or address since (R-A7).
    if (status === "active" && regYear < 2024 && rnd.chance(0.05)) {
      const changedOn = `${rnd.int(regYear + 1, 2026)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`;
      const newLegal = personName(rnd);
      const org = orgs[orgs.length - 1]!;
      history.push({
        orgId: id,
        kind: "change",
        before: { legalRepresentative: legal },
        after: { legalRepresentative: newLegal },
        actorLabel: a.name,
        reason: "换届后法定代表人变更",
        at: `${changedOn}T09:00:00.000Z`,
      });
      org.legalRepresentative = newLegal;
      notices.push({
        orgId: id,
        authorityCode: a.code,
        kind: "change",
        title: `${name}变更登记公告`,
        body: `${name}法定代表人由${legal}变更为${newLegal}。`,
        publishedOn: changedOn,
        documentNo: null,
      });
    }
    if (status !== "active") {
      const revoked = status === "revoked";
      notices.push({
        orgId: id,
        authorityCode: a.code,
        kind: revoked ? "revocation" : "deregistration",
        title: `${name}${revoked ? "撤销登记" : "注销登记"}公告`,
        body: revoked
          ? `${name}连续两年未参加年度检查，依据有关规定，决定撤销其登记，收缴登记证书和印章。`
          : `${name}经清算完毕，申请注销登记，经审查准予注销。`,
        publishedOn: orgs[orgs.length - 1]!.statusOn!,
        documentNo: `示民社${revoked ? "撤" : "注"}〔${orgs[orgs.length - 1]!.statusOn!.slice(0, 4)}〕${docNo++}号`,
      });
    }
  }
  return { orgs, history, notices };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Seeds the demo city into an empty register (server start-up on an empty database; tests). */
export async function seedDemoCity(
  db: Db,
  options: { count?: number; today?: string } = {},
): Promise<DemoSummary> {
  const ids = new Map<string, number>();
  for (const a of DEMO_AUTHORITIES) {
    const [row] = await db
      .insert(authorities)
      .values({
        code: a.code,
        name: a.name,
        regionCode: a.code,
        level: a.level,
        parentId: a.level === "district" ? (ids.get("159900") ?? null) : null,
      })
      .returning({ id: authorities.id });
    ids.set(a.code, row!.id);
  }
  const { orgs, history, notices } = generateDemoCity(options);
  const statements: BatchItem[] = [];
  for (const part of chunks(orgs, 300)) {
    statements.push(
      db
        .insert(organizations)
        .values(part.map(({ authorityCode, ...o }) => ({ ...o, authorityId: ids.get(authorityCode)! }))),
    );
    statements.push(
      db.run(
        sql`INSERT INTO org_name_grams (rowid, uni, bi) VALUES ${sql.join(
          part.map((o) => {
            const t = nameTokens(o.name);
            return sql`(${o.id}, ${t.uni}, ${t.bi})`;
          }),
          sql`, `,
        )}`,
      ),
    );
  }
  for (const part of chunks(notices, 500)) {
    statements.push(
      db
        .insert(announcements)
        .values(part.map(({ authorityCode, ...n }) => ({ ...n, authorityId: ids.get(authorityCode)! }))),
    );
  }
  if (history.length) statements.push(db.insert(orgHistory).values(history));
  const byType = { social_group: 0, private_non_enterprise: 0, foundation: 0 } as Record<OrgType, number>;
  const byStatus = { active: 0, deregistered: 0, revoked: 0, license_revoked: 0 } as Record<
    OrgStatus,
    number
  >;
  for (const o of orgs) {
    byType[o.type]++;
    byStatus[o.status!]++;
  }
  statements.push(
    auditStatement(db, systemActor("demo-seed"), {
      action: "demo.seed",
      objectType: "register",
      summary: { organizations: orgs.length, announcements: notices.length, byType, byStatus },
    }),
  );
  await runBatch(db, statements);
  await sealAuditChain(db);
  return { organizations: orgs.length, byType, byStatus };
}
