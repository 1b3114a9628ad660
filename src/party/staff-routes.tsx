/** /party: registrars and 党建 reviewers read the ledgers of their authority, confirm changes, watch 两个覆盖 (R-F3). */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { LedgerPage } from "../../views/party/ledger";
import { PartyOverviewPage } from "../../views/party/overview";
import type { AppEnv } from "../context";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { attachmentResponse, type C, errorsOf, formOf, idOf, me } from "../route-kit";
import { coverageSummary } from "./coverage";
import { DecisionForm } from "./forms";
import { activityFile, decideChange, ledger } from "./service";

export const partyStaffRoutes = new Hono<AppEnv>();

partyStaffRoutes.get("/", async (c) => {
  const q = c.req.query();
  const type = ["social_group", "private_non_enterprise", "foundation"].includes(q.type ?? "")
    ? q.type
    : undefined;
  const unit = idOf(q.unit ?? "") ?? undefined;
  const page = idOf(q.page ?? "1") ?? 1;
  const s = await coverageSummary(
    c.get("deps"),
    me(c),
    { type, supervisorUnitId: unit },
    Math.min(page, 10_000),
  );
  const query = new URLSearchParams({
    ...(type ? { type } : {}),
    ...(unit ? { unit: String(unit) } : {}),
  }).toString();
  return renderPage(c, <PartyOverviewPage user={me(c)} s={s} query={query} />);
});

const DONE: Record<string, string> = {
  confirm: "变更已确认，台账已更新。",
  reject: "已退回，组织修改后可重新报送。",
};

async function orgPage(
  c: C,
  extra: { errors?: Record<string, string>; form?: Record<string, string>; message?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const q = c.req.query();
  const uscc = c.req.param("uscc") ?? "";
  const v = await ledger(c.get("deps"), me(c), uscc, {
    asOf: q.on && /^\d{4}-\d{2}-\d{2}$/.test(q.on) ? q.on : undefined,
    page: idOf(q.page ?? "1") ?? 1,
  });
  if (!v) return c.notFound();
  return renderPage(
    c,
    <LedgerPage
      user={me(c)}
      v={v}
      base={`/party/orgs/${v.org.uscc}`}
      notice={DONE[q.done ?? ""] ?? null}
      {...extra}
    />,
    status,
  );
}

partyStaffRoutes.get("/orgs/:uscc", (c) => orgPage(c));

partyStaffRoutes.post("/orgs/:uscc/decide", async (c) => {
  const form = await formOf(c);
  const parsed = DecisionForm.safeParse(form);
  if (!parsed.success) return orgPage(c, { errors: errorsOf(parsed.error), form }, 422);
  const uscc = c.req.param("uscc");
  const r = await decideChange(c.get("deps"), me(c), uscc, parsed.data, clientIp(c));
  if (!r.ok) {
    if (r.code === "not_found") return c.notFound();
    return orgPage(
      c,
      { errors: r.fields ?? {}, form, message: r.fields ? undefined : r.message },
      refusalStatus(r),
    );
  }
  return c.redirect(
    `/party/orgs/${encodeURIComponent(uscc.toUpperCase())}?done=${parsed.data.decision}`,
    303,
  );
});

partyStaffRoutes.get("/orgs/:uscc/activities/:id/file", async (c) => {
  const id = idOf(c.req.param("id"));
  const file = id ? await activityFile(c.get("deps"), me(c), c.req.param("uscc"), id) : null;
  if (!file) return c.notFound();
  return attachmentResponse(c, file, file.name);
});
