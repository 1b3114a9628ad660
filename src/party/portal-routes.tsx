/** /portal/party: the organization keeps its 党建工作台账 (R-F4). */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ChangeFormPage } from "../../views/party/change-form";
import { LedgerPage } from "../../views/party/ledger";
import type { AppEnv } from "../context";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { attachmentResponse, type C, errorsOf, formOf, idOf, me } from "../route-kit";
import type { LedgerView } from "./contract";
import { ActivityForm, ChangeForm, CountsForm, VersionForm } from "./forms";
import { activityFile, ledger, recordActivity, recordCounts, submitChange, withdrawChange } from "./service";

export const partyPortalRoutes = new Hono<AppEnv>();

const BASE = "/portal/party";

async function ownUscc(c: C): Promise<string | null> {
  const [row] = (await c
    .get("deps")
    .db.all(sql`SELECT uscc FROM organizations WHERE id = ${me(c).orgId ?? -1}`)) as {
    uscc: string;
  }[];
  return row?.uscc ?? null;
}

const NOTICES: Record<string, string> = {
  submitted: "已报送，待登记管理机关或党建工作机构确认。",
  withdrawn: "已撤回这次变更。",
  counts: "党员人数已保存。",
  activity: "活动记录已保存。",
};

async function page(
  c: C,
  extra: { errors?: Record<string, string>; form?: Record<string, string>; message?: string },
  status: ContentfulStatusCode = 200,
) {
  const uscc = await ownUscc(c);
  const q = c.req.query();
  const v = uscc
    ? await ledger(c.get("deps"), me(c), uscc, {
        asOf: q.on && /^\d{4}-\d{2}-\d{2}$/.test(q.on) ? q.on : undefined,
        page: idOf(q.page ?? "1") ?? 1,
      })
    : null;
  if (!v) return c.notFound();
  return renderPage(
    c,
    <LedgerPage user={me(c)} v={v} base={BASE} notice={NOTICES[q.done ?? ""] ?? null} {...extra} />,
    status,
  );
}

partyPortalRoutes.get("/", (c) => page(c, {}));

/** The change form, prefilled from the change waiting for confirmation, else from the confirmed record. */
function valuesOf(v: LedgerView): Record<string, string> {
  const r = v.pending ?? v.confirmed;
  if (!r) return { hasPartyOrg: "" };
  const s = (x: string | number | null) => (x === null ? "" : String(x));
  return {
    hasPartyOrg: r.hasPartyOrg ? "1" : "0",
    orgType: s(r.orgType),
    name: s(r.name),
    approvalDoc: s(r.approvalDoc),
    approvedOn: s(r.approvedOn),
    parentOrg: s(r.parentOrg),
    leadingBody: s(r.leadingBody),
    coveredUsccs: r.coveredOrgs.map((o) => o.uscc).join("\n"),
    secretaryName: s(r.secretaryName),
    secretaryIsOfficer: r.secretaryIsOfficer ? "1" : "",
    committeeSize: s(r.committeeSize),
    committeeMembers: s(r.committeeMembers),
    termStart: s(r.termStart),
    termEnd: s(r.termEnd),
    inCharter: r.inCharter ? "1" : "",
    instructorName: s(r.instructorName),
    instructorUnit: s(r.instructorUnit),
    instructorAppointedOn: s(r.instructorAppointedOn),
    note: v.pending ? s(v.pending.note) : "",
    version: v.pending ? String(v.pending.version) : "",
  };
}

partyPortalRoutes.get("/organization", async (c) => {
  const uscc = await ownUscc(c);
  const v = uscc ? await ledger(c.get("deps"), me(c), uscc) : null;
  if (!v) return c.notFound();
  return renderPage(
    c,
    <ChangeFormPage
      user={me(c)}
      orgName={v.org.name}
      values={valuesOf(v)}
      errors={{}}
      revising={v.pending !== null}
    />,
  );
});

/** The change form again with what was posted, its field errors or the refusal's message. */
function changeFormAgain(
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  message: string | null,
  status: ContentfulStatusCode,
) {
  return renderPage(
    c,
    <ChangeFormPage
      user={me(c)}
      orgName=""
      values={values}
      errors={errors}
      message={message}
      revising={Boolean(values.version)}
    />,
    status,
  );
}

partyPortalRoutes.post("/organization", async (c) => {
  const uscc = await ownUscc(c);
  if (!uscc) return c.notFound();
  const values = await formOf(c);
  const parsed = ChangeForm.safeParse(values);
  if (!parsed.success) return changeFormAgain(c, values, errorsOf(parsed.error), null, 422);
  const r = await submitChange(c.get("deps"), me(c), uscc, parsed.data, clientIp(c));
  if (!r.ok) {
    if (r.code === "not_found" || r.code === "forbidden") return c.notFound();
    return changeFormAgain(c, values, r.fields ?? {}, r.fields ? null : r.message, refusalStatus(r));
  }
  return c.redirect(`${BASE}?done=submitted#pending-h`, 303);
});

partyPortalRoutes.post("/organization/withdraw", async (c) => {
  const uscc = await ownUscc(c);
  if (!uscc) return c.notFound();
  const parsed = VersionForm.safeParse(await formOf(c));
  if (!parsed.success) return page(c, { message: "请求不完整，请刷新页面后重试。" }, 422);
  const r = await withdrawChange(c.get("deps"), me(c), uscc, parsed.data.version, clientIp(c));
  if (!r.ok) return page(c, { message: r.message }, refusalStatus(r));
  return c.redirect(`${BASE}?done=withdrawn`, 303);
});

partyPortalRoutes.post("/counts", async (c) => {
  const uscc = await ownUscc(c);
  if (!uscc) return c.notFound();
  const form = await formOf(c);
  const parsed = CountsForm.safeParse(form);
  if (!parsed.success) return page(c, { errors: errorsOf(parsed.error), form }, 422);
  const r = await recordCounts(c.get("deps"), me(c), uscc, parsed.data, clientIp(c));
  if (!r.ok) return page(c, { errors: r.fields ?? {}, form, message: r.fields ? undefined : r.message }, 422);
  return c.redirect(`${BASE}?done=counts#counts-h`, 303);
});

partyPortalRoutes.post("/activities", async (c) => {
  const uscc = await ownUscc(c);
  if (!uscc) return c.notFound();
  const body = await c.req.parseBody();
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const form = await formOf(c);
  const parsed = ActivityForm.safeParse(form);
  if (!parsed.success) return page(c, { errors: errorsOf(parsed.error), form }, 422);
  const r = await recordActivity(
    c.get("deps"),
    me(c),
    uscc,
    parsed.data,
    file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null,
    clientIp(c),
  );
  if (!r.ok) return page(c, { errors: r.fields ?? {}, form, message: r.fields ? undefined : r.message }, 422);
  return c.redirect(`${BASE}?done=activity#activities-h`, 303);
});

partyPortalRoutes.get("/activities/:id/file", async (c) => {
  const uscc = await ownUscc(c);
  const id = idOf(c.req.param("id"));
  const file = uscc && id ? await activityFile(c.get("deps"), me(c), uscc, id) : null;
  if (!file) return c.notFound();
  return attachmentResponse(c, file, file.name);
});
