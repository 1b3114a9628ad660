/**
 * Demo party-building ledgers and cadre register (R-F1…R-F5), so that a newcomer sees every kind at once: an own
 * 党支部 with its committee, a 党委, a 联合党支部 covering four units, an instructor only, none where R-F1 requires one
 * (an R-D1(2) candidate for the daily job), a committee term overdue and one due within 30 days, a change waiting for
 * confirmation, activity records, and cadres including each R-F5 finding. Rows are written directly (no feature code),
 * deterministic for the same register; identity numbers are made up and kept only as keyed hashes, as the app does.
 */
import { sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../../src/audit/audit";
import type { BatchItem, Db } from "../../src/db";
import { termEndOn } from "../../src/domain/party";
import { idTailOf, personKey } from "../../src/people/identity";
import { cadrePosts, partyActivities, partyMemberCounts, partyOrgVersions } from "../schema";
import { createRandom } from "./random";

interface Org {
  id: number;
  authorityId: number;
  name: string;
  type: "social_group" | "private_non_enterprise" | "foundation";
}

type Version = typeof partyOrgVersions.$inferInsert;

const TOPICS = [
  "学习贯彻党的二十届四中全会精神",
  "学习《中国共产党章程》",
  "“两在两同”建新功主题党日",
  "年度组织生活会和民主评议党员",
  "党纪学习教育专题党课",
  "社会组织党建工作经验交流",
];

/** A made-up identity number with a valid check character (GB 11643), for the demo only. */
function demoIdNumber(region: string, birth: string, seq: number): string {
  const body = `${region}${birth.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

export async function seedDemoParty(db: Db, today: string, key: string): Promise<number> {
  const [done] = (await db.all(sql`SELECT count(*) AS n FROM party_org_versions`)) as { n: number }[];
  if (Number(done!.n) > 0) return 0;
  const demoOrg = (await db.all(sql`SELECT org_id AS id FROM users WHERE username = 'demo-org'`)) as {
    id: number | null;
  }[];
  const demoOrgId = demoOrg[0]?.id ?? -1;
  const orgs = (await db.all(sql`
    SELECT o.id, o.authority_id AS "authorityId", o.name, o.type FROM organizations o
    WHERE o.status = 'active' AND o.id <> ${demoOrgId} ORDER BY o.id`)) as Org[];
  if (orgs.length < 40) return 0;
  const rnd = createRandom(20261204);
  const year = Number(today.slice(0, 4));
  const at = (y: number, md: string) => `${y}-${md}`;
  const versions: Version[] = [];
  const counts: (typeof partyMemberCounts.$inferInsert)[] = [];
  const activities: (typeof partyActivities.$inferInsert)[] = [];
  const confirmed = (o: Org, v: Partial<Version>, effectiveOn: string): Version => ({
    orgId: o.id,
    authorityId: o.authorityId,
    state: "confirmed",
    hasPartyOrg: true,
    submittedAt: `${effectiveOn}T02:00:00.000Z`,
    decidedAt: `${effectiveOn}T06:00:00.000Z`,
    effectiveOn,
    ...v,
  });
  const branch = (o: Org, full: number, termStart: string, extra: Partial<Version> = {}): Version =>
    confirmed(
      o,
      {
        orgType: "branch",
        name: `${o.name}党支部`,
        approvalDoc: `示社党〔${termStart.slice(0, 4)}〕${rnd.int(1, 60)}号`,
        approvedOn: termStart,
        parentOrg: "示范市社会组织综合党委",
        secretaryName: rnd.pick(["王建国", "李红梅", "张志强", "刘敏", "陈立新", "赵文静"]),
        secretaryIsOfficer: rnd.chance(0.7),
        committeeSize: full >= 7 ? rnd.pick([3, 5]) : null,
        termStart,
        termEnd: termEndOn(termStart),
        inCharter: rnd.chance(0.8),
        ...extra,
      },
      termStart,
    );
  const count = (o: Org, full: number, asOf: string, probationary = 0) =>
    counts.push({
      orgId: o.id,
      asOf,
      fullMembers: full,
      probationaryMembers: probationary,
      activists: rnd.int(0, 3),
      source: "ledger",
    });
  const activity = (o: Org, n: number) => {
    for (let i = 0; i < n; i++) {
      const month = String(rnd.int(1, 11)).padStart(2, "0");
      activities.push({
        orgId: o.id,
        heldOn: at(rnd.chance(0.6) ? year : year - 1, `${month}-${String(rnd.int(1, 28)).padStart(2, "0")}`),
        kind: rnd.weighted([
          ["three_meetings", 6],
          ["theme_day", 3],
          ["life_meeting", 1],
        ] as const),
        topic: rnd.pick(TOPICS),
        attendance: rnd.int(3, 12),
      });
    }
  };

  // Named kinds first, so each exists whatever the register looks like.
  const [committeeOrg, jointLead, j1, j2, j3, j4, instructorOnly, missing, overdue, due, pendingOrg] = orgs;
  versions.push(
    confirmed(
      committeeOrg!,
      {
        orgType: "party_committee",
        name: `中共${committeeOrg!.name}委员会`,
        approvalDoc: `示社党〔${year - 2}〕8号`,
        approvedOn: at(year - 2, "05-10"),
        parentOrg: "示范市社会组织综合党委",
        secretaryName: "孙卫东",
        secretaryIsOfficer: true,
        committeeSize: 7,
        committeeMembers:
          "书记孙卫东，副书记周平，组织委员吴敏，宣传委员郑洁，纪检委员冯刚，青年委员何丽，统战委员许强",
        termStart: at(year - 2, "05-10"),
        termEnd: termEndOn(at(year - 2, "05-10")),
        inCharter: true,
      },
      at(year - 2, "05-12"),
    ),
  );
  count(committeeOrg!, 112, at(year, "06-30"), 6);
  activity(committeeOrg!, 8);

  versions.push(
    confirmed(
      jointLead!,
      {
        orgType: "joint_branch",
        name: "示范市科技类社会组织联合党支部",
        approvalDoc: `示社党〔${year - 1}〕21号`,
        approvedOn: at(year - 1, "03-01"),
        parentOrg: "示范市社会组织综合党委",
        coveredOrgIds: [j1!.id, j2!.id, j3!.id, j4!.id],
        secretaryName: "钱晓光",
        termStart: at(year - 1, "03-01"),
        termEnd: termEndOn(at(year - 1, "03-01")),
      },
      at(year - 1, "03-05"),
    ),
  );
  for (const o of [jointLead!, j1!, j2!, j3!, j4!]) count(o, rnd.int(0, 2), at(year, "03-31"));
  activity(jointLead!, 5);

  versions.push(
    confirmed(
      instructorOnly!,
      {
        hasPartyOrg: false,
        orgType: null,
        name: null,
        instructorName: "郭振华",
        instructorUnit: "示范市社会组织综合党委",
        instructorAppointedOn: at(year - 1, "09-01"),
      },
      at(year - 1, "09-05"),
    ),
  );
  count(instructorOnly!, 1, at(year, "03-31"));
  // R-F1: four 正式党员 and no party organization (the credit-party job makes it an R-D1(2) candidate).
  count(missing!, 4, at(year, "05-31"));

  // R-F2: a term that ended 40 days ago, one ending in 20 days.
  const shift = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const threeYearsBefore = (d: string) => `${Number(d.slice(0, 4)) - 3}${d.slice(4)}`;
  versions.push(branch(overdue!, 9, threeYearsBefore(shift(-40))));
  count(overdue!, 9, at(year, "06-30"), 1);
  const dueStart = threeYearsBefore(shift(20));
  versions.push(branch(due!, 5, dueStart));
  count(due!, 5, at(year, "06-30"));
  activity(due!, 4);

  // A change waiting for the 党建 reviewer: a new 书记 after the election.
  versions.push(branch(pendingOrg!, 6, at(year - 2, "04-01")));
  count(pendingOrg!, 6, at(year, "06-30"));
  versions.push({
    ...branch(pendingOrg!, 6, at(year, "10-20")),
    state: "pending",
    secretaryName: "高文博",
    note: "支部换届选举产生新一届支委会，书记变更为高文博。",
    effectiveOn: null,
    decidedAt: null,
    submittedAt: `${today}T01:00:00.000Z`,
  });

  // The rest: a realistic mix.
  for (const o of orgs.slice(11)) {
    const kind = rnd.weighted([
      ["branch", 45],
      ["instructor", 30],
      ["none", 25],
    ] as const);
    const full = kind === "branch" ? rnd.int(3, 15) : rnd.int(0, 2);
    if (kind === "branch") {
      versions.push(
        branch(o, full, at(rnd.int(year - 2, year - 1), `${String(rnd.int(1, 12)).padStart(2, "0")}-15`)),
      );
      activity(o, rnd.int(1, 6));
    }
    if (kind === "instructor") {
      versions.push(
        confirmed(
          o,
          {
            hasPartyOrg: false,
            orgType: null,
            name: null,
            instructorName: rnd.pick(["郭振华", "林晓燕", "马建平", "黄丽"]),
            instructorUnit: rnd.pick(["示范市社会组织综合党委", "东湖区社会组织党委"]),
            instructorAppointedOn: at(year - 1, "06-01"),
          },
          at(year - 1, "06-05"),
        ),
      );
    }
    if (kind !== "none" || rnd.chance(0.5)) count(o, full, at(year, "06-30"));
  }

  // Cadres holding posts, including each R-F5 finding.
  const social = orgs.filter((o) => o.type === "social_group");
  const foundation = orgs.find((o) => o.type === "foundation") ?? orgs[0]!;
  const person = async (name: string, birth: string, seq: number) => {
    const id = demoIdNumber("110105", birth, seq);
    return { personName: name, personKey: await personKey(key, id), idTail: idTailOf(id), birthDate: birth };
  };
  const post = (
    o: Org,
    p: Awaited<ReturnType<typeof person>>,
    v: Partial<typeof cadrePosts.$inferInsert>,
  ) => ({
    orgId: o.id,
    authorityId: o.authorityId,
    ...p,
    status: "retired" as const,
    level: "bureau" as const,
    cadrePosition: "原市直部门负责人",
    postKind: "chair" as const,
    postTitle: "会长",
    termStart: at(year - 1, "01-01"),
    termNumber: 1,
    approvalDoc: `示组干〔${year - 2}〕${rnd.int(10, 99)}号`,
    approvedOn: at(year - 2, "12-15"),
    ...v,
  });
  const qian = await person("钱国栋", "1956-03-12", 11);
  const cadres = [
    post(social[0]!, await person("周明远", "1958-07-01", 21), {}),
    post(social[1]!, qian, { cadrePosition: "原市交通运输局局长" }),
    post(social[2]!, qian, {
      postKind: "vice_chair",
      postTitle: "副会长",
      cadrePosition: "原市交通运输局局长",
    }),
    post(social[3]!, await person("吴振邦", "1957-10-20", 31), { termNumber: 3 }),
    post(social[4]!, await person("郑秀兰", "1953-02-01", 41), { termStart: at(year - 1, "03-01") }),
    post(social[5]!, await person("冯志刚", "1959-05-05", 51), { paid: true }),
    post(social[6]!, await person("何宏伟", "1960-09-09", 61), { isLegalRepresentative: true }),
    post(social[7]!, await person("许文华", "1961-01-15", 71), { approvalDoc: null, approvedOn: null }),
    post(social[8]!, await person("韩磊", "1975-04-04", 81), {
      status: "serving",
      level: "county",
      cadrePosition: "市发展改革委副主任",
      postKind: "vice_chair",
      postTitle: "副会长",
      approvalDoc: null,
      approvedOn: null,
    }),
    post(foundation, await person("唐静", "1978-06-18", 91), {
      status: "serving",
      level: "county",
      cadrePosition: "市财政局副局长",
      postKind: "secretary_general",
      postTitle: "秘书长",
    }),
    post(social[9]!, await person("曹建华", "1955-12-12", 95), {
      endedOn: at(year, "03-31"),
      endReason: "任期届满，不再连任",
    }),
  ];

  const statements: BatchItem[] = [];
  for (let i = 0; i < versions.length; i += 100)
    statements.push(db.insert(partyOrgVersions).values(versions.slice(i, i + 100)));
  for (let i = 0; i < counts.length; i += 200)
    statements.push(db.insert(partyMemberCounts).values(counts.slice(i, i + 200)));
  for (let i = 0; i < activities.length; i += 200)
    statements.push(db.insert(partyActivities).values(activities.slice(i, i + 200)));
  statements.push(db.insert(cadrePosts).values(cadres));
  await commitWithAudit(db, systemActor("demo-seed"), statements, {
    action: "demo.party",
    objectType: "register",
    summary: {
      versions: versions.length,
      counts: counts.length,
      activities: activities.length,
      cadres: cadres.length,
    },
  });
  return versions.length;
}
