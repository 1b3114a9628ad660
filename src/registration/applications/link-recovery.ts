import { and, eq, sql } from "drizzle-orm";
import { registrationApplications } from "../../../db/schema";
import { commitWithAudit } from "../../audit/audit";
import { newToken } from "../../auth/tokens";
import type { Db } from "../../db";
import { type ApplicationRow, auditActorOf, type Refusal, type Viewer } from "./shared";

/**
 * A lost 成立 link. The system sends no SMS or e-mail, and showing a link to whoever knows an application's number and
 * a phone number would hand the application to them; so the applicant's request is only recorded, and a registrar
 * of the authority, having confirmed who is asking, issues a new link, which revokes the old one.
 */

const REQUESTS_PER_IP_PER_DAY = 10;
const digits = (s: string) => s.replace(/[\s\-()（）]/g, "");

/** Whether `contact` is the phone given at /apply or the e-mail written in the form. */
function contactMatches(app: ApplicationRow, contact: string): boolean {
  const given = contact.trim();
  if (!given) return false;
  if (app.applicantPhone && digits(app.applicantPhone) === digits(given)) return true;
  const email = (app.data as { email?: unknown }).email;
  return typeof email === "string" && email.trim().toLowerCase() === given.toLowerCase();
}

async function requestsFrom(db: Db, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const [row] = (await db.all(
    sql`SELECT count(*) AS n FROM audit_events WHERE action = 'registration.link_recovery.request' AND ip = ${ip} AND at >= ${since}`,
  )) as { n: number }[];
  return Number(row?.n ?? 0);
}

/**
 * Records a request to recover a link when the number and the contact match an online 成立 application. The answer
 * is the same whether they match or not, so the form tells nobody which numbers and phones belong together.
 */
export async function requestLinkRecovery(
  db: Db,
  input: { applicationId: number; contact: string },
  ip: string | null,
  now: Date,
): Promise<{ ok: true } | { ok: false; status: 429; message: string }> {
  if (ip && (await requestsFrom(db, ip, now)) >= REQUESTS_PER_IP_PER_DAY) {
    return {
      ok: false,
      status: 429,
      message: "今天从您的网络提交的找回请求已经很多，请明天再试，或直接联系登记管理机关。",
    };
  }
  const [app] = await db
    .select()
    .from(registrationApplications)
    .where(
      and(
        eq(registrationApplications.id, input.applicationId),
        eq(registrationApplications.channel, "online"),
        eq(registrationApplications.kind, "establishment"),
      ),
    );
  if (!app || !contactMatches(app, input.contact)) return { ok: true };
  await commitWithAudit(db, { userId: null, username: app.applicantName, role: "applicant", ip }, [], {
    action: "registration.link_recovery.request",
    objectType: "application",
    objectId: app.id,
    summary: { at: now.toISOString() },
  });
  return { ok: true };
}

/** The recovery requests since the link was last issued, newest first, for the registrar's page. */
export async function pendingLinkRequests(db: Db, app: ApplicationRow): Promise<string[]> {
  if (app.channel !== "online" || app.kind !== "establishment") return [];
  const rows = (await db.all(
    sql`SELECT action, at FROM audit_events WHERE object_type = 'application' AND object_id = ${String(app.id)}
        AND action IN ('registration.link_recovery.request', 'registration.link_reissue') ORDER BY id DESC`,
  )) as { action: string; at: string }[];
  const out: string[] = [];
  for (const r of rows) {
    if (r.action === "registration.link_reissue") break;
    out.push(r.at);
  }
  return out;
}

/** A registrar of the authority issues a new link; the old one stops working at once. */
export async function reissueLink(
  db: Db,
  viewer: Viewer,
  app: ApplicationRow,
  ip: string | null,
): Promise<{ ok: true; token: string } | Refusal> {
  if (
    viewer.kind !== "user" ||
    viewer.user.role !== "registrar" ||
    viewer.user.authorityId !== app.authorityId
  ) {
    return { ok: false, code: "forbidden", message: "只有受理机关的登记人员可以发放新链接。" };
  }
  if (app.channel !== "online" || app.kind !== "establishment" || !app.linkId) {
    return { ok: false, code: "invalid", message: "这份申请不是网上成立申请，没有申请链接。" };
  }
  const t = await newToken();
  await commitWithAudit(
    db,
    auditActorOf(viewer, ip),
    [
      db
        .update(registrationApplications)
        .set({ linkId: t.id, linkSecretHash: t.secretHash })
        .where(eq(registrationApplications.id, app.id)),
    ],
    {
      action: "registration.link_reissue",
      objectType: "application",
      objectId: app.id,
      summary: { revoked: `link:${app.linkId.slice(0, 8)}` },
    },
  );
  return { ok: true, token: t.token };
}
