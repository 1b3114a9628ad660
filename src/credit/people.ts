/**
 * The people behind 严重违法失信名单 entries (the seeds' 名录库): recorded with the entry by the deciding registrar,
 * matched when the same person is named as legal representative or 负责人 of another organization — by the keyed
 * hash of the identity number where one is known, otherwise by name (and then said to be a name match only).
 * Whether a match blocks an approval is a setting (`seriousPersonBlocks`); by default the registrar is warned.
 */
import { sql } from "drizzle-orm";
import { creditCasePeople } from "../../db/schema";
import { commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import type { Db } from "../db";
import type { CreditPersonRole } from "../domain/credit";
import { cnDate } from "../domain/dates";
import { idTailOf, personKey } from "../people/identity";
import { type CasePerson, PERSON_ROLE_LABELS, type Result } from "./contract";
import { getCase } from "./service";

export { type CasePerson, PERSON_ROLE_LABELS } from "./contract";

export async function casePeople(db: Db, caseId: number): Promise<CasePerson[]> {
  return (await db.all(sql`SELECT id, role, person_name AS "personName", id_tail AS "idTail", created_at AS "createdAt"
    FROM credit_case_people WHERE case_id = ${caseId} ORDER BY id`)) as CasePerson[];
}

export async function addCasePerson(
  deps: AppDeps,
  user: SessionUser,
  caseId: number,
  input: { role: CreditPersonRole; personName: string; idNumber?: string },
  ip: string | null,
): Promise<Result<object>> {
  const c = await getCase(deps, user, caseId);
  if (!c) return { ok: false, code: "not_found", message: "没有找到该信用记录。" };
  if (user.role !== "registrar" || user.authorityId !== c.authorityId) {
    return { ok: false, code: "forbidden", message: "只有作出决定的登记管理机关可以登记相关人员。" };
  }
  if (c.list !== "serious") {
    return { ok: false, code: "invalid", message: "只有严重违法失信名单的记录登记法定代表人、负责人。" };
  }
  const key = input.idNumber ? await personKey(deps.config.personKey, input.idNumber) : null;
  await commitWithAudit(
    deps.db,
    actorOf(user, ip),
    [
      deps.db.insert(creditCasePeople).values({
        caseId,
        role: input.role,
        personName: input.personName,
        personKey: key,
        idTail: input.idNumber ? idTailOf(input.idNumber) : null,
        recordedBy: user.id,
      }),
    ],
    {
      action: "credit.person.add",
      objectType: "credit_case",
      objectId: caseId,
      orgId: c.orgId,
      summary: { role: input.role, name: input.personName, identity: key ? "hash" : "name" },
    },
  );
  return { ok: true };
}

export interface SeriousPersonMatch {
  personName: string;
  role: CreditPersonRole;
  orgName: string;
  uscc: string;
  caseId: number;
  listedOn: string;
  documentNo: string | null;
  /** identity: the same identity number; name: the same name, no number to compare. */
  match: "identity" | "name";
}

/**
 * The currently listed 严重 entries whose legal representative or 负责人 is this person (other than `exceptOrgId`).
 * With an identity number the match is by its keyed hash, and name-only records of the same name are reported as
 * name matches; without one, every record of the same name is a name match.
 */
export async function seriousPersonMatches(
  deps: AppDeps,
  person: { name: string; idNumber?: string | null; personKey?: string | null },
  exceptOrgId: number | null = null,
): Promise<SeriousPersonMatch[]> {
  const name = person.name.trim();
  if (!name) return [];
  const key =
    person.personKey ?? (person.idNumber ? await personKey(deps.config.personKey, person.idNumber) : null);
  const rows = (await deps.db.all(sql`
    SELECT p.person_name AS "personName", p.role, p.person_key AS "personKey", o.name AS "orgName", o.uscc,
      c.id AS "caseId", c.listed_on AS "listedOn", c.document_no AS "documentNo", c.org_id AS "orgId"
    FROM credit_case_people p JOIN credit_cases c ON c.id = p.case_id JOIN organizations o ON o.id = c.org_id
    WHERE c.list = 'serious' AND c.state = 'listed'
      AND (${key ? sql`p.person_key = ${key} OR ` : sql``}p.person_name = ${name})
    ORDER BY c.listed_on DESC LIMIT 20`)) as (SeriousPersonMatch & {
    personKey: string | null;
    orgId: number;
  })[];
  return rows
    .filter((r) => r.orgId !== exceptOrgId)
    .filter((r) => !(key && r.personKey && r.personKey !== key))
    .map(({ personKey: k, orgId: _o, ...r }) => ({ ...r, match: key && k === key ? "identity" : "name" }));
}

/** The warning a registrar reads, in Chinese. */
export function matchWords(m: SeriousPersonMatch): string {
  return `${m.personName}${m.match === "identity" ? "（身份证号码一致）" : "（同名，未核对身份证号码）"}为严重违法失信名单中${m.orgName}（${m.uscc}）的${PERSON_ROLE_LABELS[m.role]}，该组织于${cnDate(m.listedOn)}列入${m.documentNo ? `（${m.documentNo}）` : ""}。`;
}

/**
 * A registration problem for the registrar: the proposed legal representative is a person behind a 严重 entry. Names
 * only (applications carry no identity number); a warning, or a block where the locality's rules say so.
 */
export async function seriousPersonProblems(
  db: Db,
  name: string | undefined,
  exceptOrgId: number | null,
  blocks: boolean,
): Promise<{ field: string; rule: string; message: string; level: "block" | "warning" }[]> {
  if (!name?.trim()) return [];
  const rows = (await db.all(sql`
    SELECT p.person_name AS "personName", p.role, o.name AS "orgName", o.uscc, c.id AS "caseId",
      c.listed_on AS "listedOn", c.document_no AS "documentNo", c.org_id AS "orgId"
    FROM credit_case_people p JOIN credit_cases c ON c.id = p.case_id JOIN organizations o ON o.id = c.org_id
    WHERE c.list = 'serious' AND c.state = 'listed' AND p.person_name = ${name.trim()}
    ORDER BY c.listed_on DESC LIMIT 5`)) as (Omit<SeriousPersonMatch, "match"> & { orgId: number })[];
  return rows
    .filter((r) => r.orgId !== exceptOrgId)
    .map((r) => ({
      field: "legalRepresentative",
      rule: "R-D8",
      level: blocks ? ("block" as const) : ("warning" as const),
      message: `${matchWords({ ...r, match: "name" })}${blocks ? "按本地规定，不得担任法定代表人。" : "请核实是否为同一人。"}`,
    }));
}
