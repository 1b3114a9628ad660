/**
 * Registered letters to an organization's 住所 (the shared `letters` table): a registrar records each letter sent and,
 * once, what became of it. Two unsigned letters the right interval apart make it unreachable (R-D2) — evidence for an
 * 活动异常名录 candidate (R-D1(6), the `credit-unreachable` job) and for the zombie signal R-E1(d).
 */
import { sql } from "drizzle-orm";
import { letters } from "../../db/schema";
import { commitVersioned, commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import type { LetterRow, Result } from "./contract";
import { ownOrg } from "./queries";

export type { LetterRow };

export async function recentLetters(deps: AppDeps, user: SessionUser): Promise<LetterRow[]> {
  return (await deps.db.all(sql`
    SELECT l.id, o.name AS "orgName", o.uscc, l.purpose, l.address, l.sent_on AS "sentOn", l.tracking_no AS "trackingNo",
      l.outcome, l.outcome_on AS "outcomeOn", l.outcome_note AS "outcomeNote", l.version
    FROM letters l JOIN organizations o ON o.id = l.org_id
    WHERE l.authority_id = ${user.authorityId ?? -1}
    ORDER BY l.outcome = 'pending' DESC, l.sent_on DESC, l.id DESC LIMIT 200`)) as LetterRow[];
}

export async function recordLetter(
  deps: AppDeps,
  user: SessionUser,
  input: { uscc: string; sentOn: string; trackingNo: string },
  ip: string | null,
): Promise<Result<{ id: number }>> {
  const own = await ownOrg(deps.db, user, input.uscc);
  if (!own.ok) return own;
  const { org } = own;
  const [address] = (await deps.db.all(sql`SELECT address FROM organizations WHERE id = ${org.id}`)) as {
    address: string;
  }[];
  const [row] = await deps.db
    .insert(letters)
    .values({
      orgId: org.id,
      authorityId: org.authorityId,
      purpose: "address_check",
      address: address?.address ?? "",
      sentOn: input.sentOn,
      trackingNo: input.trackingNo,
      recordedBy: user.id,
    })
    .returning({ id: letters.id });
  await commitWithAudit(deps.db, actorOf(user, ip), [], {
    action: "credit.letter.sent",
    objectType: "letter",
    objectId: row!.id,
    orgId: org.id,
    summary: { sentOn: input.sentOn, trackingNo: input.trackingNo },
  });
  return { ok: true, id: row!.id };
}

/** Whether the letter is one of the registrar's own authority (others answer 404 before anything is read). */
export async function ownLetter(deps: AppDeps, user: SessionUser, id: number): Promise<boolean> {
  const [l] = (await deps.db.all(
    sql`SELECT authority_id AS "authorityId" FROM letters WHERE id = ${id}`,
  )) as {
    authorityId: number;
  }[];
  return l !== undefined && l.authorityId === user.authorityId;
}

/** Records what became of a pending letter, once (a recorded outcome is never overwritten). */
export async function recordOutcome(
  deps: AppDeps,
  user: SessionUser,
  id: number,
  input: { version: number; outcome: "signed" | "unsigned"; outcomeOn: string; note: string },
  ip: string | null,
): Promise<Result<object>> {
  const [l] =
    (await deps.db.all(sql`SELECT org_id AS "orgId", authority_id AS "authorityId", outcome, sent_on AS "sentOn"
    FROM letters WHERE id = ${id}`)) as {
      orgId: number;
      authorityId: number;
      outcome: string;
      sentOn: string;
    }[];
  if (!l || l.authorityId !== user.authorityId)
    return { ok: false, code: "not_found", message: "没有这封信件。" };
  if (l.outcome !== "pending")
    return { ok: false, code: "stale", message: "这封信件的结果已经登记，不能修改。" };
  if (input.outcomeOn < l.sentOn) {
    const m = "回执日期不能早于寄出日期。";
    return { ok: false, code: "invalid", message: m, fields: { outcomeOn: m } };
  }
  const done = await commitVersioned(
    deps.db,
    actorOf(user, ip),
    [
      deps.db.run(sql`UPDATE letters SET outcome = ${input.outcome}, outcome_on = ${input.outcomeOn},
        outcome_note = ${input.note || null}, version = version + 1
        WHERE id = ${id} AND version = ${input.version} AND outcome = 'pending'`),
    ],
    [],
    {
      action: "credit.letter.outcome",
      objectType: "letter",
      objectId: id,
      orgId: l.orgId,
      summary: { outcome: input.outcome, on: input.outcomeOn },
    },
  );
  if (done === "stale") return { ok: false, code: "stale", message: "这封信件已被他人登记，请刷新页面。" };
  return { ok: true };
}
