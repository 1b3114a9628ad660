/**
 * The demo city 示范市: a fictional prefecture-level city (GB/T 2260-shaped but unused codes 159900–159903) with a
 * city authority 示范市民政局 and three district authorities, about 2,000 organizations of the three types with
 * valid codes, addresses, legal representatives, 20 years of registrations, 变更 with history, some 注销 and 撤销,
 * and every 公告 (R-A7). Made-up people and places only. Deterministic: the same seed gives the same city.
 *
 * `generateDemoCity` builds the rows in memory (pure, for tests); `seedDemoCity` writes them in one batch of
 * multi-row inserts with their search index rows and one audit event.
 */

import { sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../../src/audit/audit";
import type { ScryptParams } from "../../src/auth/password";
import { DEV_PERSON_KEY } from "../../src/config";
import type { BatchItem, Db } from "../../src/db";
import {
  changeAnnouncement,
  deregistrationAnnouncement,
  establishmentAnnouncement,
  revocationAnnouncement,
} from "../../src/domain/announcement-texts";
import { issueUscc, USCC_ALPHABET } from "../../src/domain/uscc";
import { applyGradeDowngrades } from "../../src/registry/grades";
import { nameTokens } from "../../src/registry/grams";
import { linkSupervisorUnitStatements } from "../../src/registry/supervisor-units";
import {
  announcements,
  authorities,
  type OrgStatus,
  type OrgType,
  organizations,
  orgHistory,
} from "../schema";
import { seedDemoAccounts } from "./accounts";
import { seedDemoCredit } from "./credit";
import { seedDemoInspections } from "./inspections";
import { address, drawUniqueName, personName } from "./names";
import { seedDemoParty } from "./party";
import { type AuthorityPlace, orgProfile } from "./profile";
import { createRandom, type Random } from "./random";
import { seedDemoZombies } from "./zombie";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";

import { seedAnnouncedHolidays } from "./holidays";

export const DEMO_TODAY = "2026-11-22";
export const DEMO_SEED = 20261122;
const CITY = "示范市";

export interface DemoAuthority {
  code: string;
  name: string;
  level: "province" | "city" | "district";
  district: string;
  /** Name prefixes of its organizations (示范市 / 市 for the city, the district's name for a district). */
  prefixes: readonly string[];
  /** 街道 and 镇 inside the district (district authorities only). */
  places: readonly string[];
  /** Abbreviation heading its decision numbers (文号), e.g. 示民社撤〔2024〕12号. */
  docPrefix: string;
}

export const DEMO_AUTHORITIES: readonly DemoAuthority[] = [
  {
    code: "159900",
    name: "示范市民政局",
    level: "city",
    district: "",
    prefixes: ["示范市", "示范市", "示范市", "市"],
    places: [],
    docPrefix: "示民社",
  },
  {
    code: "159901",
    name: "示范市东湖区民政局",
    level: "district",
    district: "东湖区",
    prefixes: ["东湖区"],
    places: ["文汇街道", "东升街道", "滨河街道", "新华街道", "石渡镇"],
    docPrefix: "东民社",
  },
  {
    code: "159902",
    name: "示范市西山区民政局",
    level: "district",
    district: "西山区",
    prefixes: ["西山区"],
    places: ["育英街道", "金桥街道", "柳林街道", "白塔镇", "青龙镇"],
    docPrefix: "西民社",
  },
  {
    code: "159903",
    name: "示范市南河区民政局",
    level: "district",
    district: "南河区",
    prefixes: ["南河区"],
    places: ["沙湾街道", "杏园街道", "永安街道", "长乐镇", "兴隆镇"],
    docPrefix: "南民社",
  },
  // 基金会 are registered at provincial level or above (domain.md §1): the demo city's foundations are the province's.
  {
    code: "150000",
    name: "示范省民政厅",
    level: "province",
    district: "",
    prefixes: ["示范省"],
    places: [],
    docPrefix: "省民社",
  },
];
const PROVINCE = "示范省";

export const TYPE_LABEL: Record<OrgType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
};

// ---- dates (UTC calendar days as YYYY-MM-DD) ----
const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDay = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
/** Same month and day `years` later (29 February → 28 February). */
export const addYears = (iso: string, years: number) =>
  `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`.replace(/-02-29$/, "-02-28");
/** Last day of a five-year validity starting `iso` (the day before the anniversary; 29 February → 28 February). */
export const fiveYearsEnd = (iso: string) =>
  fromDay(
    Date.UTC(Number(iso.slice(0, 4)) + 5, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY - 1,
  );
/** A working day in [from, to] (Saturdays and Sundays move to the nearest weekday inside the range). */
function workingDayBetween(rnd: Random, from: string, to: string, skew = 1): string {
  const a = toDay(from);
  const b = toDay(to);
  let d = a + Math.floor(rnd.next() ** skew * (b - a + 1));
  const wd = new Date(d * DAY).getUTCDay();
  if (wd === 6) d = d + 2 <= b ? d + 2 : d - 1;
  else if (wd === 0) d = d + 1 <= b ? d + 1 : d - 2;
  return fromDay(Math.max(a, Math.min(b, d)));
}

type OrgRow = typeof organizations.$inferInsert & { id: number; authorityCode: string };
type HistoryRow = typeof orgHistory.$inferInsert;
type NoticeRow = Omit<typeof announcements.$inferInsert, "authorityId"> & { authorityCode: string };

export interface DemoCity {
  authorities: readonly DemoAuthority[];
  orgs: OrgRow[];
  history: HistoryRow[];
  notices: NoticeRow[];
}

export interface DemoOptions {
  /** How many organizations (default 2,000). */
  count?: number;
  seed?: number;
  /** The day the city is generated for (default 2026-11-22): nothing happens after it. */
  today?: string;
  /** Id of the first organization (default 1). */
  firstId?: number;
  /** What the register already holds per authority code: names (kept unique) and the last code sequence per type. */
  existing?: ExistingRegister;
}

export interface ExistingRegister {
  names: Map<string, string[]>;
  /** Key `${authorityCode}|${type}` → the largest sequence already issued. */
  sequences: Map<string, number>;
}

const PREFIX_RE = /^(示范省|示范市|市|东湖区|西山区|南河区)/;

/** Builds the city's rows in memory (pure): same options, same city. */
export function generateDemoCity(options: DemoOptions = {}): DemoCity {
  const count = options.count ?? 2000;
  const today = options.today ?? DEMO_TODAY;
  const firstId = options.firstId ?? 1;
  const rnd = createRandom(options.seed ?? DEMO_SEED);
  const city = DEMO_AUTHORITIES[0]!;
  const districts = DEMO_AUTHORITIES.filter((a) => a.level === "district");
  const province = DEMO_AUTHORITIES.find((a) => a.level === "province")!;
  const first = addDays(addYears(today, -20), 1);
  const last = addDays(today, -2);

  // 1. Who registered where and when; ids and code sequences then follow registration order.
  const drafts: { authority: DemoAuthority; type: OrgType; registeredOn: string }[] = [];
  for (let i = 0; i < count; i++) {
    const type = rnd.weighted<OrgType>([
      ["social_group", 55],
      ["private_non_enterprise", 39.5],
      ["foundation", 5.5],
    ]);
    const authority =
      type === "foundation"
        ? province
        : rnd.weighted<DemoAuthority>([
            [city, 37],
            [districts[0]!, 21],
            [districts[1]!, 21],
            [districts[2]!, 21],
          ]);
    // Registrations grow over the years (skew towards recent dates).
    drafts.push({ authority, type, registeredOn: workingDayBetween(rnd, first, last, 0.8) });
  }
  drafts.sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0));

  const takenNames = new Map<string, Set<string>>(
    DEMO_AUTHORITIES.map((a) => [
      a.code,
      new Set((options.existing?.names.get(a.code) ?? []).map((n) => n.replace(PREFIX_RE, ""))),
    ]),
  );
  const takenPeople = new Set<string>();
  const sequences = new Map<string, number>(options.existing?.sequences ?? []);
  const orgs: OrgRow[] = [];
  const history: HistoryRow[] = [];
  const notices: NoticeRow[] = [];
  const uniquePerson = () => {
    // R-A3: one person represents at most one 社团, and a foundation's 理事长 no other organization.
    for (;;) {
      const p = personName(rnd);
      if (!takenPeople.has(p)) {
        takenPeople.add(p);
        return p;
      }
    }
  };

  for (const [index, d] of drafts.entries()) {
    const { authority: a, type, registeredOn } = d;
    const id = firstId + index;
    const key = `${a.code}|${type}`;
    const seq = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, seq);
    const uscc = issueUscc(a.code, type, seq);
    const taken = takenNames.get(a.code)!;
    const prefix = rnd.pick(a.prefixes);
    const gen = drawUniqueName(rnd, taken, type, prefix, a.places);
    const place: AuthorityPlace = {
      level: a.level,
      city: a.level === "province" ? PROVINCE : CITY,
      district: a.district,
    };
    const profile = orgProfile(rnd, type, gen, place, registeredOn);
    const district = a.district || rnd.pick(districts).district;
    const name = gen.name;
    const legal = uniquePerson();
    const addr = address(rnd, CITY, district);

    // Status (R-A9): ~6% 注销 (a year or more after registration), ~3% 撤销 (two or more years after).
    let status: OrgStatus = "active";
    let statusOn = registeredOn;
    const roll = rnd.next();
    if (roll < 0.066 && registeredOn <= addYears(today, -1)) {
      status = "deregistered";
      statusOn = workingDayBetween(rnd, addYears(registeredOn, 1), addDays(today, -3));
    } else if (roll >= 0.066 && roll < 0.098 && registeredOn <= addYears(today, -2)) {
      status = "revoked";
      statusOn = workingDayBetween(rnd, addYears(registeredOn, 2), addDays(today, -3));
    }
    const endOfLife = status === "active" ? today : statusOn;

    // Certificates run five years from issue and are renewed (换证); some lapsed without renewal.
    let issuedOn = registeredOn;
    while (addYears(issuedOn, 5) <= endOfLife && rnd.chance(0.88)) issuedOn = addYears(issuedOn, 5);
    const validTo = fiveYearsEnd(issuedOn);

    // 评估等级 for some long-standing organizations, valid five years.
    let rating: OrgRow["rating"] = null;
    let ratingValidTo: string | null = null;
    if (status === "active" && registeredOn <= addYears(today, -3) && rnd.chance(0.15)) {
      rating = rnd.weighted<NonNullable<OrgRow["rating"]>>([
        ["1A", 3],
        ["2A", 8],
        ["3A", 40],
        ["4A", 35],
        ["5A", 14],
      ]);
      const from = addYears(registeredOn, 2) > "2016-01-01" ? addYears(registeredOn, 2) : "2016-01-01";
      ratingValidTo = fiveYearsEnd(workingDayBetween(rnd, from, addDays(today, -30)));
    }

    // 成立 facts as first registered; a 变更 (R-A7: 名称, 住所 or 法定代表人) may have followed.
    const original = { name, legal, addr };
    const changeUntil = status === "active" ? addDays(today, -7) : addDays(statusOn, -30);
    let change: { on: string; field: "name" | "address" | "legalRepresentative" } | null = null;
    if (rnd.chance(0.09) && addYears(registeredOn, 1) < changeUntil) {
      change = {
        on: workingDayBetween(rnd, addYears(registeredOn, 1), changeUntil),
        field: rnd.weighted([
          ["name", 25],
          ["address", 40],
          ["legalRepresentative", 35],
        ] as const),
      };
      // The earlier name was this authority's too: it stays taken.
      if (change.field === "name")
        original.name = drawUniqueName(rnd, taken, type, prefix, a.places, gen.category).name;
      else if (change.field === "address") original.addr = address(rnd, CITY, district);
      else original.legal = uniquePerson();
    }

    orgs.push({
      id,
      authorityCode: a.code,
      uscc,
      name,
      type,
      status,
      statusOn,
      address: addr,
      legalRepresentative: legal,
      ...profile,
      authorityId: 0,
      registeredOn,
      certificateIssuedOn: issuedOn,
      certificateValidFrom: issuedOn,
      certificateValidTo: validTo,
      phone: `0000-${rnd.int(2, 8)}${String(rnd.int(0, 999_999)).padStart(6, "0")}`,
      email: rnd.chance(0.35) ? `office${id}@example.org` : null,
      website: rnd.chance(0.12) ? `https://www.org${id}.example.org` : null,
      rating,
      ratingValidTo,
    });

    notices.push({
      orgId: id,
      authorityCode: a.code,
      kind: "establishment",
      ...establishmentAnnouncement({
        name: original.name,
        uscc,
        typeLabel: TYPE_LABEL[type],
        address: original.addr,
        legalRepresentative: original.legal,
        capitalFen: profile.capitalFen,
        supervisor: profile.supervisionMode === "supervised" ? profile.supervisor : null,
        authorityName: a.name,
      }),
      publishedOn: registeredOn,
      documentNo: null,
    });

    if (change) {
      const labels = { name: "名称", address: "住所", legalRepresentative: "法定代表人" } as const;
      const before = { name: original.name, address: original.addr, legalRepresentative: original.legal }[
        change.field
      ];
      const after = { name, address: addr, legalRepresentative: legal }[change.field];
      history.push({
        orgId: id,
        kind: "change",
        before: { [change.field]: before },
        after: { [change.field]: after },
        actorLabel: a.name,
        reason:
          change.field === "legalRepresentative"
            ? "换届后法定代表人变更（已完成离任审计）"
            : change.field === "address"
              ? "办公场所搬迁"
              : "经会员（代表）大会表决通过，变更名称",
        at: `${change.on}T01:30:00.000Z`,
      });
      notices.push({
        orgId: id,
        authorityCode: a.code,
        kind: "change",
        ...changeAnnouncement({ name: original.name, uscc }, [
          { label: labels[change.field], before, after },
        ]),
        publishedOn: change.on,
        documentNo: null,
      });
    }

    if (status !== "active") {
      const revoked = status === "revoked";
      history.push({
        orgId: id,
        kind: revoked ? "revocation" : "deregistration",
        before: { status: "active" },
        after: { status, statusOn },
        actorLabel: a.name,
        reason: revoked ? "连续两年未参加年度检查" : "清算完毕，申请注销登记",
        at: `${statusOn}T02:00:00.000Z`,
      });
      notices.push({
        orgId: id,
        authorityCode: a.code,
        kind: revoked ? "revocation" : "deregistration",
        ...(revoked
          ? revocationAnnouncement({ name, uscc }, "连续两年未按规定参加年度检查，经调查核实", false)
          : deregistrationAnnouncement({ name, uscc })),
        publishedOn: statusOn,
        documentNo: "",
      });
    }
  }

  // 文号 numbered per authority, kind and year in date order: 示民社撤〔2024〕3号.
  const counters = new Map<string, number>();
  const decisions = notices
    .filter((n) => n.documentNo === "")
    .sort((x, y) => (x.publishedOn < y.publishedOn ? -1 : x.publishedOn > y.publishedOn ? 1 : 0));
  for (const n of decisions) {
    const a = DEMO_AUTHORITIES.find((x) => x.code === n.authorityCode)!;
    const word = n.kind === "revocation" ? "撤" : "注";
    const year = n.publishedOn.slice(0, 4);
    const k = `${a.code}|${word}|${year}`;
    const no = (counters.get(k) ?? 0) + 1;
    counters.set(k, no);
    n.documentNo = `${a.docPrefix}${word}〔${year}〕${no}号`;
  }
  return { authorities: DEMO_AUTHORITIES, orgs, history, notices };
}

export interface DemoSummary {
  organizations: number;
  announcements: number;
  changes: number;
  byType: Record<OrgType, number>;
  byStatus: Record<OrgStatus, number>;
  byAuthority: Record<string, number>;
  /** Demo annual inspections (db/seed/inspections.ts), when seeded. */
  inspections?: { years: number; filings: number };
  /** Demo credit list cases (db/seed/credit.ts). */
  creditEntries?: number;
  /** Demo party-building ledger versions (db/seed/party.ts). */
  partyLedgers?: number;
  /** Demo zombie cases (db/seed/zombie.ts). */
  zombieCases?: number;
  /** 评估等级 lowered or revoked by R-G2 on the seeded facts. */
  gradeChanges?: number;
}

export function summarize(city: DemoCity): DemoSummary {
  const byType: Record<OrgType, number> = { social_group: 0, private_non_enterprise: 0, foundation: 0 };
  const byStatus: Record<OrgStatus, number> = { active: 0, deregistered: 0, revoked: 0, license_revoked: 0 };
  const byAuthority: Record<string, number> = {};
  for (const o of city.orgs) {
    byType[o.type]++;
    byStatus[o.status ?? "active"]++;
    byAuthority[o.authorityCode] = (byAuthority[o.authorityCode] ?? 0) + 1;
  }
  return {
    organizations: city.orgs.length,
    announcements: city.notices.length,
    changes: city.history.filter((h) => h.kind === "change").length,
    byType,
    byStatus,
    byAuthority,
  };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Multi-row insert into the FTS5 name index (rowid = organizations.id): search finds only indexed names. */
export function nameIndexStatement(db: Db, rows: readonly { id: number; name: string }[]) {
  return db.run(
    sql`INSERT INTO org_name_grams (rowid, uni, bi) VALUES ${sql.join(
      rows.map((o) => {
        const t = nameTokens(o.name);
        return sql`(${o.id}, ${t.uni}, ${t.bi})`;
      }),
      sql`, `,
    )}`,
  );
}

/** Names and code sequences already used at the demo authorities (fixtures, an earlier seeding). */
async function existingRegister(db: Db): Promise<ExistingRegister> {
  const rows = (await db.all(sql`SELECT a.code, o.name, o.type, o.uscc FROM organizations o
    JOIN authorities a ON a.id = o.authority_id
    WHERE a.code IN (${sql.join(
      DEMO_AUTHORITIES.map((a) => sql`${a.code}`),
      sql`, `,
    )})`)) as { code: string; name: string; type: OrgType; uscc: string }[];
  const names = new Map<string, string[]>();
  const sequences = new Map<string, number>();
  for (const r of rows) {
    const list = names.get(r.code) ?? [];
    list.push(r.name);
    names.set(r.code, list);
    const seq = usccSequence(r.uscc);
    const key = `${r.code}|${r.type}`;
    if (seq !== null && seq > (sequences.get(key) ?? 0)) sequences.set(key, seq);
  }
  return { names, sequences };
}

/** The sequence `issueUscc` encoded in positions 10–16 (after "M"), or null for a code issued otherwise. */
export function usccSequence(uscc: string): number | null {
  if (uscc[8] !== "M") return null;
  let n = 0;
  for (const ch of uscc.slice(9, 16)) {
    const d = USCC_ALPHABET.indexOf(ch);
    if (d < 0) return null;
    n = n * 31 + d;
  }
  return n;
}

/**
 * Seeds the demo city (server start-up on an empty register; tests). Authorities that already exist (by code) are
 * reused; organization ids continue after the largest existing id. Everything else is one atomic batch with its
 * "demo.seed" audit event.
 */
export async function seedDemoCity(
  db: Db,
  options: Omit<DemoOptions, "firstId" | "existing"> & {
    passwordHashing?: ScryptParams;
    personKey?: string;
  } = {},
): Promise<DemoSummary> {
  const ids = new Map<string, number>();
  for (const a of DEMO_AUTHORITIES) {
    await db
      .insert(authorities)
      .values({
        code: a.code,
        name: a.name,
        regionCode: a.code,
        level: a.level,
        parentId: a.level === "district" ? (ids.get(DEMO_AUTHORITIES[0]!.code) ?? null) : null,
      })
      .onConflictDoNothing();
    const [row] = (await db.all(sql`SELECT id FROM authorities WHERE code = ${a.code}`)) as { id: number }[];
    ids.set(a.code, row!.id);
  }
  const [max] = (await db.all(sql`SELECT coalesce(max(id), 0) AS n FROM organizations`)) as { n: number }[];
  const city = generateDemoCity({
    ...options,
    firstId: Number(max!.n) + 1,
    existing: await existingRegister(db),
  });

  const statements: BatchItem[] = [];
  // ~35 columns a row: 250 rows stay well under SQLite's 32,766 bound parameters.
  for (const part of chunks(city.orgs, 250)) {
    statements.push(
      db
        .insert(organizations)
        .values(part.map(({ authorityCode, ...o }) => ({ ...o, authorityId: ids.get(authorityCode)! }))),
    );
    statements.push(nameIndexStatement(db, part));
  }
  for (const part of chunks(city.notices, 500)) {
    statements.push(
      db
        .insert(announcements)
        .values(part.map(({ authorityCode, ...n }) => ({ ...n, authorityId: ids.get(authorityCode)! }))),
    );
  }
  for (const part of chunks(city.history, 500)) statements.push(db.insert(orgHistory).values(part));
  statements.push(...linkSupervisorUnitStatements(db));
  // R-A11: each 业务主管单位 serves the district where most of its organizations are registered (an administrator
  // places units at /admin/supervisor-units; /apply offers an authority's applicants its own district's units).
  statements.push(
    db.run(sql`UPDATE supervisor_units SET authority_id = (SELECT o.authority_id FROM organizations o
      WHERE o.supervisor_unit_id = supervisor_units.id GROUP BY o.authority_id ORDER BY count(*) DESC, o.authority_id LIMIT 1)
      WHERE authority_id IS NULL`),
  );
  const summary = summarize(city);
  await commitWithAudit(db, systemActor("demo-seed"), statements, {
    action: "demo.seed",
    objectType: "register",
    summary: { ...summary, seed: options.seed ?? DEMO_SEED, today: options.today ?? DEMO_TODAY },
  });
  await seedDemoAccounts(db, options.passwordHashing);
  const demoOrg = (await db.all(sql`SELECT org_id AS id FROM users WHERE username = 'demo-org'`)) as {
    id: number | null;
  }[];
  // The announced calendar first: the seeded deadlines count working days as the app does.
  await seedAnnouncedHolidays(db);
  const inspections = await seedDemoInspections(db, options.today ?? DEMO_TODAY, {
    draftOrgIds: demoOrg.flatMap((u) => (u.id === null ? [] : [Number(u.id)])),
  });
  const creditEntries = await seedDemoCredit(db);
  const partyLedgers = await seedDemoParty(
    db,
    options.today ?? DEMO_TODAY,
    options.personKey ?? DEV_PERSON_KEY,
  );
  const zombieCases = await seedDemoZombies(db, options.today ?? DEMO_TODAY);
  // R-G2 on the seeded conclusions and penalties, as the daily job would have: the demo shows downgrades with their 公告.
  const gradeChanges = (await applyGradeDowngrades(db, options.today ?? DEMO_TODAY, false)).changed;
  return { ...summary, inspections, creditEntries, partyLedgers, zombieCases, gradeChanges };
}
