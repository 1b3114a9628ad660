/**
 * The register of leading cadres holding posts in organizations (领导干部兼职, R-F5). Kept by registrars for the
 * organizations of their authority; read by the 党建 reviewer. A person is recognised across organizations by a keyed
 * hash of the identity number (src/people/identity.ts); the number itself is never stored. The checks run across the
 * whole register (every authority in this database), and a finding is resolved by recording what cures it (an
 * approval, the post ended): every edit is audited, nothing is deleted.
 */

import { sql } from "drizzle-orm";
import { cadrePosts } from "../../db/schema";
import { commitVersioned, commitWithAudit } from "../audit/audit";
import { actorOf, findOrgFor, readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { todayOf } from "../context";
import { nextId } from "../db";
import type { CadreLevel, PostKind } from "../domain/inspection-report";
import { type CadreFinding, type CadreStatus, cadreFindings } from "../domain/party";
import { birthDateOf, idTailOf, personKey } from "../people/identity";
import type { CadrePostRow, CadreRegisterView, Result } from "./contract";

const COLUMNS = sql`p.id, p.person_key AS "personKey", p.person_name AS "personName", p.status, p.level,
  p.org_id AS "orgId", o.name AS "orgName", o.uscc, o.type AS "orgType", p.authority_id AS "authorityId",
  p.post_kind AS "postKind", p.post_title AS "postTitle", p.is_legal_representative AS "isLegalRepresentative",
  p.birth_date AS "birthDate", p.term_start AS "termStart", p.term_end AS "termEnd", p.term_number AS "termNumber",
  p.approval_doc AS "approvalDoc", p.approved_on AS "approvedOn", p.paid, p.ended_on AS "endedOn",
  p.end_reason AS "endReason", p.id_tail AS "idTail", p.cadre_position AS "cadrePosition", p.version`;

const toRow = (r: Record<string, unknown>): CadrePostRow =>
  ({
    ...r,
    isLegalRepresentative: Boolean(r.isLegalRepresentative),
    paid: Boolean(r.paid),
  }) as CadrePostRow;

/** Every post in the register (the checks need all of them: a person's posts may lie in other authorities). */
async function allPosts(deps: AppDeps): Promise<CadrePostRow[]> {
  const rows = (await deps.db.all(
    sql`SELECT ${COLUMNS} FROM cadre_posts p JOIN organizations o ON o.id = p.org_id ORDER BY p.id`,
  )) as Record<string, unknown>[];
  return rows.map(toRow);
}

const PAGE = 30;

export async function cadreRegister(
  deps: AppDeps,
  user: SessionUser,
  filters: CadreRegisterView["filters"],
  page: number,
): Promise<CadreRegisterView> {
  const today = todayOf(deps);
  const readable = new Set(await readableAuthorityIds(deps.db, user));
  const posts = await allPosts(deps);
  const findings = cadreFindings(posts, today);
  const byPost = new Map<number, CadreFinding[]>();
  for (const f of findings) for (const id of f.postIds) byPost.set(id, [...(byPost.get(id) ?? []), f]);
  const q = filters.q?.trim();
  const mine = posts
    .filter((p) => readable.has(p.authorityId))
    .filter((p) => !q || p.personName.includes(q) || p.orgName.includes(q) || p.uscc === q.toUpperCase())
    .filter((p) => {
      const ended = p.endedOn !== null && p.endedOn <= today;
      if (filters.state === "ended") return ended;
      if (filters.state === "findings") return (byPost.get(p.id)?.length ?? 0) > 0;
      return !ended;
    });
  const visibleIds = new Set(posts.filter((p) => readable.has(p.authorityId)).map((p) => p.id));
  return {
    rows: mine.slice((page - 1) * PAGE, page * PAGE).map((p) => ({ ...p, findings: byPost.get(p.id) ?? [] })),
    // A finding is shown when one of its posts is this authority's (the other posts are named, as the rule needs).
    findings: findings.filter((f) => f.postIds.some((id) => visibleIds.has(id))),
    total: mine.length,
    page,
    pageSize: PAGE,
    mayEdit: user.role === "registrar",
    filters,
  };
}

export async function cadrePost(
  deps: AppDeps,
  user: SessionUser,
  id: number,
): Promise<{
  post: CadrePostRow;
  findings: CadreFinding[];
  history: { at: string; who: string; action: string; summary: string }[];
  mayEdit: boolean;
} | null> {
  const posts = await allPosts(deps);
  const post = posts.find((p) => p.id === id);
  if (!post) return null;
  const readable = await readableAuthorityIds(deps.db, user);
  if (!readable.includes(post.authorityId)) return null;
  const history = (await deps.db.all(sql`SELECT at, coalesce(actor_username, '') AS who, action,
      coalesce(summary, '') AS summary
    FROM audit_events WHERE object_type = 'cadre_post' AND object_id = ${String(id)} ORDER BY id`)) as {
    at: string;
    who: string;
    action: string;
    summary: string;
  }[];
  return {
    post,
    findings: cadreFindings(posts, todayOf(deps)).filter((f) => f.postIds.includes(id)),
    history,
    mayEdit: user.role === "registrar" && user.authorityId === post.authorityId,
  };
}

export interface NewCadreInput {
  uscc: string;
  personName: string;
  idNumber: string;
  status: CadreStatus;
  level: CadreLevel;
  cadrePosition: string;
  postKind: PostKind;
  postTitle: string;
  isLegalRepresentative: boolean;
  termStart: string;
  termEnd?: string;
  termNumber: number;
  approvalDoc?: string;
  approvedOn?: string;
  paid: boolean;
}

export async function addCadrePost(
  deps: AppDeps,
  user: SessionUser,
  input: NewCadreInput,
  ip: string | null,
): Promise<Result<{ id: number }>> {
  if (user.role !== "registrar")
    return { ok: false, code: "forbidden", message: "领导干部兼职登记由登记管理机关办理。" };
  const access = await findOrgFor(deps.db, user, input.uscc);
  if (!access) return invalid("uscc", "没有找到该统一社会信用代码对应的社会组织，请核对。");
  if (!access.canAct) return invalid("uscc", "该组织不属于本登记管理机关，不能为其登记。");
  const key = await personKey(deps.config.personKey, input.idNumber);
  const { idNumber: _dropped, uscc: _code, ...rest } = input;
  const values = {
    ...rest,
    orgId: access.org.id,
    authorityId: access.org.authorityId,
    personKey: key,
    idTail: idTailOf(input.idNumber),
    birthDate: birthDateOf(input.idNumber),
    termEnd: input.termEnd ?? null,
    approvalDoc: input.approvalDoc ?? null,
    approvedOn: input.approvedOn ?? null,
    createdBy: user.id,
  };
  // The id is chosen here so the row and its audit event (which names it) land in one batch; a concurrent insert
  // that took the same id fails the batch on the primary key and this one tries the next id.
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = await nextId(deps.db, "cadre_posts");
    try {
      await commitWithAudit(
        deps.db,
        actorOf(user, ip),
        [deps.db.insert(cadrePosts).values({ ...values, id })],
        {
          action: "party.cadre.add",
          objectType: "cadre_post",
          objectId: id,
          orgId: access.org.id,
          summary: { person: input.personName, post: input.postTitle, status: input.status },
        },
      );
      return { ok: true, id };
    } catch (e) {
      if (!String((e as Error)?.message ?? e).includes("UNIQUE") || attempt === 2) throw e;
    }
  }
  throw new Error("unreachable");
}

export interface CadreUpdateInput {
  version: number;
  termEnd?: string;
  termNumber: number;
  approvalDoc?: string;
  approvedOn?: string;
  paid: boolean;
  isLegalRepresentative: boolean;
  endedOn?: string;
  endReason?: string;
}

/** Records what resolves a finding (an approval, pay stopped, the post ended) or corrects the term. */
export async function updateCadrePost(
  deps: AppDeps,
  user: SessionUser,
  id: number,
  input: CadreUpdateInput,
  ip: string | null,
): Promise<Result> {
  const found = await cadrePost(deps, user, id);
  if (!found) return { ok: false, code: "not_found", message: "没有找到该兼职记录。" };
  if (!found.mayEdit)
    return { ok: false, code: "forbidden", message: "只有该组织所属登记管理机关可以修改兼职记录。" };
  if ((input.endedOn === undefined) !== (input.endReason === undefined)) {
    return invalid(input.endedOn ? "endReason" : "endedOn", "免职（离任）须同时填写日期和原因。");
  }
  if (input.endedOn && input.endedOn < found.post.termStart)
    return invalid("endedOn", "离任日期不能早于任职开始日期。");
  const before = found.post;
  const set = {
    termEnd: input.termEnd ?? null,
    termNumber: input.termNumber,
    approvalDoc: input.approvalDoc ?? null,
    approvedOn: input.approvedOn ?? null,
    paid: input.paid,
    isLegalRepresentative: input.isLegalRepresentative,
    endedOn: input.endedOn ?? null,
    endReason: input.endReason ?? null,
  };
  const changed = Object.fromEntries(
    Object.entries(set).filter(([k, v]) => (before as unknown as Record<string, unknown>)[k] !== v),
  );
  const done = await commitVersioned(
    deps.db,
    actorOf(user, ip),
    [
      deps.db
        .update(cadrePosts)
        .set({ ...set, version: sql`version + 1`, updatedAt: new Date().toISOString() })
        .where(sql`id = ${id} AND version = ${input.version}`),
    ],
    [],
    {
      action: input.endedOn && !before.endedOn ? "party.cadre.end" : "party.cadre.update",
      objectType: "cadre_post",
      objectId: id,
      orgId: before.orgId,
      summary: changed,
    },
  );
  if (done === "stale") return { ok: false, code: "stale", message: "已被他人修改，请刷新后重试。" };
  return { ok: true };
}

const invalid = (field: string, message: string): Result<never> => ({
  ok: false,
  code: "invalid",
  message,
  fields: { [field]: message },
});
