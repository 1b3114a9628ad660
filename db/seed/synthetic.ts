/**
 * Synthetic registers for benchmarks (`npm run db:synthetic -- --orgs N`): realistic organizations spread over
 * fictional provinces (GB/T 2260-shaped codes under the unused province prefixes 16, 17, 18, …), each with a
 * province authority, ~14 city authorities and ~100 district or county authorities. A run uses as many provinces as
 * keep ~1,200 organizations per authority (1 province up to 150,000 organizations, 7 at 1,000,000), so names stay
 * realistic and unique per authority (R-A4) and codes never collide (R-B6: a sequence per authority and type).
 *
 * Appendable: a second run continues every authority's code sequences and avoids the names already there.
 * Fast: rows are generated in chunks and written with multi-row INSERTs, one transaction per chunk; on a large
 * load the secondary indexes are dropped first and rebuilt at the end (one sort each instead of random inserts).
 */
import type { Client, InValue } from "@libsql/client";
import {
  type AnnouncementText,
  deregistrationAnnouncement,
  establishmentAnnouncement,
  revocationAnnouncement,
} from "../../src/domain/announcement-texts";
import { issueUscc, USCC_ALPHABET } from "../../src/domain/uscc";
import { nameTokens } from "../../src/registry/grams";
import type { OrgType } from "../schema";
import { address, districtPlaces, drawUniqueName, personName } from "./names";
import { type AuthorityPlace, orgProfile } from "./profile";
import { createRandom, type Random } from "./random";

export interface SyntheticAuthority {
  code: string;
  name: string;
  level: "province" | "city" | "district";
  parentCode: string | null;
  /** Province name (示例省) for a province, the city (青岚市) otherwise. */
  city: string;
  district: string;
  prefixes: readonly string[];
  places: readonly string[];
  /** Districts of the same city, for addresses of city- and province-level organizations. */
  addressDistricts: readonly { city: string; district: string }[];
  docPrefix: string;
  /** Relative share of organizations (foundations: province and city authorities only). */
  weight: number;
}

const PROVINCES = [
  ["16", "示例省"],
  ["17", "云岚省"],
  ["18", "青梧省"],
  ["19", "沧澜省"],
  ["20", "泽南省"],
  ["24", "晴川省"],
  ["25", "霁北省"],
  ["26", "越溪省"],
] as const;
// Uncommon characters, so composed city names are fictional-sounding.
const CITY_FIRST = "澄霁棠漪汀湄屿栖澜岚鹭枫杉桐榆槐萱蘅芷沅";
const CITY_SECOND = "川湖浦陵塘湾泽原岭渚洲";
const DISTRICT_ROOTS = [
  "东湖",
  "西山",
  "南河",
  "北岭",
  "新城",
  "城关",
  "河东",
  "河西",
  "滨湖",
  "高新",
  "开元",
  "望江",
  "青山",
  "石门",
  "平川",
  "长岭",
  "安平",
  "永宁",
  "广德",
  "兴和",
  "宁远",
  "清河",
  "双桥",
  "龙泉",
  "凤台",
  "玉泉",
  "金川",
  "白沙",
  "红柳",
  "黄土梁",
  "沙河",
  "桃源",
];

/** The fictional provinces' authorities, in a fixed order (the same for every run and seed). */
export function syntheticAuthorities(provinces: number): SyntheticAuthority[] {
  const rnd = createRandom(160000);
  const out: SyntheticAuthority[] = [];
  const cityNames = new Set<string>();
  for (const [pcode, pname] of PROVINCES.slice(0, provinces)) {
    const province: SyntheticAuthority = {
      code: `${pcode}0000`,
      name: `${pname}民政厅`,
      level: "province",
      parentCode: null,
      city: pname,
      district: "",
      prefixes: [pname, pname, pname, pname, "省"],
      places: [],
      addressDistricts: [],
      docPrefix: `${pname.slice(0, 1)}民社`,
      weight: 40,
    };
    out.push(province);
    const cityCount = rnd.int(12, 16);
    for (let c = 1; c <= cityCount; c++) {
      let cityName: string;
      do {
        cityName = `${rnd.pick([...CITY_FIRST])}${rnd.pick([...CITY_SECOND])}市`;
      } while (cityNames.has(cityName));
      cityNames.add(cityName);
      const cityCode = `${pcode}${String(c).padStart(2, "0")}`;
      const roots = [...DISTRICT_ROOTS];
      const districts: SyntheticAuthority[] = [];
      const count = rnd.int(5, 9);
      for (let d = 1; d <= count; d++) {
        const root = roots.splice(rnd.int(0, roots.length - 1), 1)[0]!;
        const district = `${root}${d <= Math.ceil(count * 0.6) ? "区" : "县"}`;
        districts.push({
          code: `${cityCode}${String(d + 1).padStart(2, "0")}`,
          name: `${cityName}${district}民政局`,
          level: "district",
          parentCode: `${cityCode}00`,
          city: cityName,
          district,
          prefixes: [district],
          places: districtPlaces(rnd, rnd.int(8, 14)),
          addressDistricts: [{ city: cityName, district }],
          docPrefix: `${root.slice(0, 1)}民社`,
          weight: 7,
        });
      }
      const addressDistricts = districts.map((d) => ({ city: cityName, district: d.district }));
      out.push({
        code: `${cityCode}00`,
        name: `${cityName}民政局`,
        level: "city",
        parentCode: province.code,
        city: cityName,
        district: "",
        prefixes: [cityName, cityName, cityName, "市"],
        places: [],
        addressDistricts,
        docPrefix: `${cityName.slice(0, 1)}民社`,
        weight: 20,
      });
      out.push(...districts);
      (province.addressDistricts as { city: string; district: string }[]).push(...addressDistricts);
    }
  }
  return out;
}

/** How many provinces a register of `total` organizations spreads over (~1,200 per authority). */
export const provincesFor = (total: number) =>
  Math.min(PROVINCES.length, Math.max(1, Math.ceil(total / 150_000)));

// ---- calendar (day numbers since 1970-01-01) ----
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoCache = new Map<number, string>();
function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}
/** Saturday → Friday, Sunday → Monday. 1970-01-01 was a Thursday. */
const weekday = (day: number) => {
  const wd = (day + 4) % 7;
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
};

const ORG_COLUMNS = [
  "id",
  "uscc",
  "name",
  "type",
  "status",
  "status_on",
  "address",
  "purpose",
  "business_scope",
  "activity_area",
  "legal_representative",
  "capital_fen",
  "supervision_mode",
  "supervisor",
  "party_building_authority",
  "authority_id",
  "registered_on",
  "certificate_issued_on",
  "certificate_valid_from",
  "certificate_valid_to",
  "phone",
  "email",
  "website",
  "is_charity",
  "public_fundraising",
  "foundation_kind",
  "rating",
  "rating_valid_to",
  "staff_full_time",
  "staff_part_time",
] as const;
const NOTICE_COLUMNS = [
  "org_id",
  "authority_id",
  "kind",
  "title",
  "body",
  "document_no",
  "published_on",
] as const;
const ROWS_PER_INSERT = 500;

/**
 * The VALUES list of a multi-row INSERT as SQL literals. Written with `executeMultiple`, whose statements SQLite
 * prepares and finalizes at once: a bound multi-row statement per call would keep its native memory (the statement
 * and every bound value) until its JS wrapper happened to be collected, growing RSS by gigabytes over a large load.
 */
export function valuesSql(columns: number, flat: readonly InValue[]): string {
  const rows: string[] = [];
  for (let i = 0; i < flat.length; i += columns) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      const v = flat[i + c];
      cells.push(
        v === null || v === undefined
          ? "NULL"
          : typeof v === "number" || typeof v === "bigint"
            ? String(v)
            : typeof v === "boolean"
              ? v
                ? "1"
                : "0"
              : `'${String(v).replaceAll("'", "''")}'`,
      );
    }
    rows.push(`(${cells.join(",")})`);
  }
  return rows.join(",");
}

export interface SyntheticOptions {
  orgs: number;
  seed?: number;
  /** Organizations per transaction (default 10,000). */
  chunk?: number;
  today?: string;
  /** Drop and rebuild secondary indexes around a large load (default: when adding ≥ 20,000 rows and ≥ ¼ of the table). */
  rebuildIndexes?: boolean;
  log?: (line: string) => void;
  progress?: (done: number, total: number) => void;
}

export interface SyntheticResult {
  inserted: number;
  announcements: number;
  authorities: number;
  existingBefore: number;
  seconds: number;
}

const TYPE_WORDS: Record<OrgType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
};
/** A 公告's title and body as the insert's bound parameters. */
const texts = (t: AnnouncementText): [string, string] => [t.title, t.body];

/** Adds `orgs` synthetic organizations (with their name index rows and some 公告) to the database behind `client`. */
export async function loadSynthetic(client: Client, options: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const today = options.today ?? "2026-11-22";
  const chunk = options.chunk ?? 10_000;
  const n = options.orgs;

  // ---- authorities (created when missing; the same codes every run) ----
  const codes = syntheticAuthorities(PROVINCES.length).map((a) => a.code);
  const existingBefore = Number(
    (
      await client.execute(
        `SELECT count(*) AS n FROM organizations o JOIN authorities a ON a.id = o.authority_id WHERE a.code IN (${codes.map(() => "?").join(",")})`,
        codes,
      )
    ).rows[0]!.n,
  );
  const auths = syntheticAuthorities(provincesFor(existingBefore + n));
  const setup = await client.transaction("write");
  try {
    for (const a of auths) {
      await setup.execute({
        sql: `INSERT INTO authorities (code, name, region_code, level, parent_id)
              VALUES (?, ?, ?, ?, (SELECT id FROM authorities WHERE code = ?)) ON CONFLICT (code) DO NOTHING`,
        args: [a.code, a.name, a.code, a.level, a.parentCode],
      });
    }
    await setup.commit();
  } finally {
    setup.close();
  }
  const idByCode = new Map(
    (
      await client.execute(
        `SELECT id, code FROM authorities WHERE code IN (${auths.map(() => "?").join(",")})`,
        auths.map((a) => a.code),
      )
    ).rows.map((r) => [String(r.code), Number(r.id)]),
  );
  const authIds = auths.map((a) => idByCode.get(a.code)!);
  const indexOfId = new Map(authIds.map((id, i) => [id, i]));

  // ---- what is already there: names (unique per authority) and code sequences ----
  const taken = auths.map(() => new Set<string>());
  const prefixRes = auths.map((a) => new RegExp(`^(${[...new Set(a.prefixes)].join("|")})`));
  const sequences = new Map<string, number>();
  if (existingBefore > 0) {
    log(
      `Appending to ${existingBefore.toLocaleString("en-US")} synthetic organizations: reading their names…`,
    );
    const list = authIds.join(",");
    for (let after = 0; ; ) {
      const page = await client.execute({
        sql: `SELECT id, authority_id, name FROM organizations WHERE id > ? AND authority_id IN (${list}) ORDER BY id LIMIT 100000`,
        args: [after],
      });
      if (page.rows.length === 0) break;
      for (const r of page.rows) {
        const i = indexOfId.get(Number(r.authority_id))!;
        taken[i]!.add(String(r.name).replace(prefixRes[i]!, ""));
        after = Number(r.id);
      }
    }
    const maxima = await client.execute(
      `SELECT authority_id, type, max(substr(uscc, 10, 7)) AS s FROM organizations
       WHERE authority_id IN (${list}) AND substr(uscc, 9, 1) = 'M' GROUP BY authority_id, type`,
    );
    for (const r of maxima.rows) {
      let seq = 0;
      for (const ch of String(r.s)) seq = seq * 31 + USCC_ALPHABET.indexOf(ch);
      sequences.set(`${indexOfId.get(Number(r.authority_id))}|${r.type}`, seq);
    }
  }
  const firstId =
    Number((await client.execute("SELECT coalesce(max(id), 0) AS n FROM organizations")).rows[0]!.n) + 1;

  // ---- weighted authority choice (cumulative weights, binary search) ----
  const cumulative = (pred: (a: SyntheticAuthority) => boolean) => {
    const idx: number[] = [];
    const cum: number[] = [];
    let total = 0;
    auths.forEach((a, i) => {
      if (!pred(a)) return;
      total += a.weight;
      idx.push(i);
      cum.push(total);
    });
    return { idx, cum, total };
  };
  const anyAuthority = cumulative(() => true);
  // 基金会 are registered at provincial level or above (domain.md §1).
  const foundationAuthority = cumulative((a) => a.level === "province");
  const pickAuthority = (rnd: Random, t: typeof anyAuthority) => {
    const r = rnd.next() * t.total;
    let lo = 0;
    let hi = t.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return t.idx[lo]!;
  };

  // A different stream for each state of the register, so an appended run draws new names.
  const rnd = createRandom(((options.seed ?? 7) * 1_000_003 + existingBefore) >>> 0);
  const firstDay = dayOf("2000-01-01");
  const lastDay = dayOf(today) - 2;
  const todayDay = dayOf(today);
  const docCounters = new Map<string, number>();

  // ---- indexes: dropped for a large load, rebuilt at the end ----
  const rebuild = options.rebuildIndexes ?? (n >= 20_000 && n >= existingBefore / 4);
  const dropped: { name: string; sql: string }[] = [];
  if (rebuild) {
    const rows = await client.execute(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('organizations', 'announcements') AND sql IS NOT NULL",
    );
    for (const r of rows.rows) {
      dropped.push({ name: String(r.name), sql: String(r.sql) });
      await client.execute(`DROP INDEX "${String(r.name)}"`);
    }
    log(`Dropped ${dropped.length} secondary indexes for the load; they are rebuilt at the end.`);
  }

  /** Generates `rows` organizations from id `firstId` on, as bound parameters of the three multi-row inserts. */
  const generate = (firstId: number, rows: number) => {
    const orgArgs: InValue[] = [];
    const gramArgs: InValue[] = [];
    const noticeArgs: InValue[] = [];
    for (let j = 0; j < rows; j++) {
      const id = firstId + j;
      const type: OrgType = rnd.weighted([
        ["social_group", 55],
        ["private_non_enterprise", 40],
        ["foundation", 5],
      ]);
      const ai = pickAuthority(rnd, type === "foundation" ? foundationAuthority : anyAuthority);
      const a = auths[ai]!;
      const key = `${ai}|${type}`;
      const seq = (sequences.get(key) ?? 0) + 1;
      sequences.set(key, seq);
      const uscc = issueUscc(a.code, type, seq);
      const g = drawUniqueName(rnd, taken[ai]!, type, rnd.pick(a.prefixes), a.places);
      const regDay = weekday(firstDay + Math.floor(rnd.next() ** 0.8 * (lastDay - firstDay)));
      const registeredOn = iso(regDay);
      const place: AuthorityPlace = { level: a.level, city: a.city, district: a.district };
      const p = orgProfile(rnd, type, g, place, registeredOn);
      const where = a.addressDistricts.length ? rnd.pick(a.addressDistricts) : a;
      const roll = rnd.next();
      let status = "active";
      let statusDay = regDay;
      if (roll < 0.06 && regDay < todayDay - 365) {
        status = "deregistered";
        statusDay = weekday(regDay + 365 + Math.floor(rnd.next() * (todayDay - 3 - regDay - 365)));
      } else if (roll < 0.09 && regDay < todayDay - 730) {
        status = "revoked";
        statusDay = weekday(regDay + 730 + Math.floor(rnd.next() * (todayDay - 3 - regDay - 730)));
      } else if (roll < 0.0915 && p.isCharity && regDay < todayDay - 730) {
        status = "license_revoked"; // R-A9: 吊销 applies to 慈善组织 only
        statusDay = weekday(regDay + 730 + Math.floor(rnd.next() * (todayDay - 3 - regDay - 730)));
      }
      if (statusDay > todayDay - 1) statusDay = todayDay - 3;
      const endDay = status === "active" ? todayDay : statusDay;
      let issued = regDay;
      while (issued + 1826 <= endDay && rnd.chance(0.88)) issued += 1826; // renewed every five years
      const issuedOn = iso(issued);
      const rated = status === "active" && regDay < todayDay - 1095 && rnd.chance(0.12);
      const addr = address(rnd, where.city, where.district);
      const legal = personName(rnd);
      orgArgs.push(
        id,
        uscc,
        g.name,
        type,
        status,
        iso(statusDay),
        addr,
        p.purpose,
        p.businessScope,
        p.activityArea,
        legal,
        p.capitalFen,
        p.supervisionMode,
        p.supervisor,
        p.partyBuildingAuthority,
        authIds[ai]!,
        registeredOn,
        issuedOn,
        issuedOn,
        iso(issued + 1825),
        `0000-${rnd.int(2, 8)}${String(rnd.int(0, 999_999)).padStart(6, "0")}`,
        rnd.chance(0.3) ? `office${id}@example.org` : null,
        rnd.chance(0.1) ? `https://www.org${id}.example.org` : null,
        p.isCharity ? 1 : 0,
        p.publicFundraising ? 1 : 0,
        p.foundationKind,
        rated
          ? rnd.weighted([
              ["1A", 3],
              ["2A", 8],
              ["3A", 40],
              ["4A", 35],
              ["5A", 14],
            ] as const)
          : null,
        rated ? iso(todayDay - rnd.int(30, 2200) + 1826) : null,
        p.staffFullTime,
        p.staffPartTime,
      );
      const t = nameTokens(g.name);
      gramArgs.push(id, t.uni, t.bi);
      // 公告 (R-A7) for some: every termination, and one 成立 in ten.
      if (rnd.chance(0.1)) {
        noticeArgs.push(
          id,
          authIds[ai]!,
          "establishment",
          ...texts(
            establishmentAnnouncement({
              name: g.name,
              uscc,
              typeLabel: TYPE_WORDS[type],
              address: addr,
              legalRepresentative: legal,
              capitalFen: p.capitalFen,
              supervisor: p.supervisionMode === "supervised" ? p.supervisor : null,
              authorityName: a.name,
            }),
          ),
          null,
          registeredOn,
        );
      }
      if (status !== "active") {
        const word = status === "deregistered" ? "注" : status === "revoked" ? "撤" : "吊";
        const year = iso(statusDay).slice(0, 4);
        const ck = `${ai}|${word}|${year}`;
        const no = (docCounters.get(ck) ?? 0) + 1;
        docCounters.set(ck, no);
        noticeArgs.push(
          id,
          authIds[ai]!,
          status === "deregistered"
            ? "deregistration"
            : status === "revoked"
              ? "revocation"
              : "license_revocation",
          ...texts(
            word === "注"
              ? deregistrationAnnouncement({ name: g.name, uscc })
              : revocationAnnouncement(
                  { name: g.name, uscc },
                  word === "撤" ? "连续两年未参加年度检查" : "存在严重违法行为",
                  word === "吊",
                ),
          ),
          `${a.docPrefix}${word}〔${year}〕${no}号`,
          iso(statusDay),
        );
      }
    }
    return { orgArgs, gramArgs, noticeArgs };
  };

  let notices = 0;
  const timing = { setup: performance.now() - started, generate: 0, write: 0, indexes: 0, fts: 0 };
  try {
    for (let done = 0; done < n; ) {
      const m = Math.min(chunk, n - done);
      const tx = await client.transaction("write");
      try {
        for (let k = 0; k < m; k += ROWS_PER_INSERT) {
          const rows = Math.min(ROWS_PER_INSERT, m - k);
          const t0 = performance.now();
          const { orgArgs, gramArgs, noticeArgs } = generate(firstId + done + k, rows);
          const t1 = performance.now();
          timing.generate += t1 - t0;
          const notice = noticeArgs.length
            ? `;INSERT INTO announcements (${NOTICE_COLUMNS.join(",")}) VALUES ${valuesSql(NOTICE_COLUMNS.length, noticeArgs)}`
            : "";
          await tx.executeMultiple(
            `INSERT INTO organizations (${ORG_COLUMNS.join(",")}) VALUES ${valuesSql(ORG_COLUMNS.length, orgArgs)};` +
              `INSERT INTO org_name_grams (rowid, uni, bi) VALUES ${valuesSql(3, gramArgs)}${notice}`,
          );
          notices += noticeArgs.length / NOTICE_COLUMNS.length;
          timing.write += performance.now() - t1;
        }
        await tx.commit();
      } finally {
        tx.close();
      }
      done += m;
      options.progress?.(done, n);
    }
  } finally {
    if (dropped.length) {
      log("Rebuilding indexes…");
      const t0 = performance.now();
      for (const d of dropped) await client.execute(d.sql);
      timing.indexes = performance.now() - t0;
    }
  }
  if (rebuild) {
    // Merge the name index's segments (one per chunk, partly merged on the way) into one b-tree: fewer lookups per search.
    const t0 = performance.now();
    await client.execute("INSERT INTO org_name_grams (org_name_grams) VALUES ('optimize')");
    timing.fts = performance.now() - t0;
  }
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(
    `Time: setup ${sec(timing.setup)}, generating rows ${sec(timing.generate)}, writing ${sec(timing.write)}, rebuilding indexes ${sec(timing.indexes)}, merging the name index ${sec(timing.fts)}.`,
  );
  return {
    inserted: n,
    announcements: notices,
    authorities: auths.length,
    existingBefore,
    seconds: (performance.now() - started) / 1000,
  };
}
