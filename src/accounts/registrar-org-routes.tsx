/**
 * The registrar's organizations, mounted at /registrar/orgs: the search list, one organization's page (its accounts,
 * registration changes, 撤销 decision, audit trail), opening its first account and the 撤销 decision itself. The
 * area guard admits only registrars; another authority's organization is read-only (403 on any action).
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { RegistrarOrgList, RegistrarOrgPage } from "../../views/accounts/registrar-orgs";
import { ChangeHistory, RevocationForm } from "../../views/registration/registrar-org";
import { actorOf, findOrgFor, type OrgAccess } from "../auth/scope";
import type { AppEnv } from "../context";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { chinaDateOf } from "../domain/working-days";
import { clientIp, refusalStatus } from "../http";
import { revocationProblems, revoke } from "../registration/revocation";
import { STATUS_LABELS } from "../registry/labels";
import { MAX_QUERY_LENGTH } from "../registry/search";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me } from "../route-kit";
import { manageAccountRoutes } from "./manage-routes";
import { orgUscc } from "./queries";
import { linkPage, NewPerson, noticeOf, nowOf } from "./respond";
import { createAccount, firstAccountRefusal, registrarOrgView, searchRegistrarOrgs } from "./service";

export const registrarOrgRoutes = new Hono<AppEnv>();

type Form = Record<string, string>;

const OrgListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH, `查询内容不能超过 ${MAX_QUERY_LENGTH} 个字`)
    .refine((v) => !hasControlCharacters(v), `查询内容${CONTROL_CHARACTER_MESSAGE}`)
    .optional()
    .default(""),
  authority: z.string().max(12, "登记管理机关代码有误").optional(),
  page: z.coerce
    .number({ message: "页码应为 1 至 200 的整数" })
    .int("页码应为 1 至 200 的整数")
    .min(1, "页码应为 1 至 200 的整数")
    .max(200, "页码应为 1 至 200 的整数")
    .optional()
    .default(1),
});

registrarOrgRoutes.get("/", async (c) => {
  const parsed = OrgListQuery.safeParse(c.req.query());
  // A query the list cannot take (control characters, too long, a bad page) is refused beside the search field, the
  // only field the page has.
  const errors: Record<string, string> = parsed.success
    ? {}
    : { q: Object.values(errorsOf(parsed.error))[0] ?? "查询内容有误" };
  const q = parsed.success ? parsed.data : { q: "", authority: undefined, page: 1 };
  const { authority, result } = await searchRegistrarOrgs(c.get("deps"), me(c), {
    ...q,
    authorityCode: q.authority,
  });
  const link = (page: number) =>
    `/registrar/orgs?${new URLSearchParams({ q: q.q, authority: authority.code, page: String(page) })}`;
  const hasNext = result.page * result.perPage < result.total;
  return renderPage(
    c,
    <RegistrarOrgList
      user={me(c)}
      q={q.q}
      errors={errors}
      authorityCode={authority.code}
      authorityName={authority.name}
      rows={result.items.map((o) => ({ uscc: o.uscc, name: o.name, statusLabel: STATUS_LABELS[o.status] }))}
      total={result.totalCapped ? "10,000+" : result.total.toLocaleString("zh-CN")}
      prev={result.page > 1 ? link(result.page - 1) : null}
      next={hasNext ? link(result.page + 1) : null}
    />,
    parsed.success ? 200 : 400,
  );
});

async function orgPage(
  c: C,
  access: OrgAccess,
  form: { values: Form; errors: Form } = { values: {}, errors: {} },
  status: ContentfulStatusCode = 200,
  revocation: { values: Form; errors: Form } | null = null,
) {
  const { org, canAct } = access;
  const before = Number(c.req.query("before")) || null;
  const v = await registrarOrgView(c.get("deps").db, access, before);
  const base = `/registrar/orgs/${org.uscc}`;
  return renderPage(
    c,
    <RegistrarOrgPage
      user={me(c)}
      org={{
        uscc: org.uscc,
        name: org.name,
        statusLabel: STATUS_LABELS[org.status],
        authorityName: v.authorityName,
        legalRepresentative: org.legalRepresentative,
      }}
      canAct={canAct}
      accounts={v.accounts}
      mayCreateFirst={v.mayCreateFirst}
      values={form.values}
      errors={form.errors}
      notice={noticeOf(c)}
      audit={v.audit.rows}
      auditNext={v.audit.nextBefore ? `${base}?before=${v.audit.nextBefore}#audit` : null}
      auditPrev={before ? `${base}#audit` : null}
    >
      <ChangeHistory rows={v.history} />
      {canAct && org.status === "active" ? (
        <RevocationForm
          uscc={org.uscc}
          name={org.name}
          version={org.version}
          values={revocation?.values ?? {}}
          errors={revocation?.errors ?? {}}
          open={revocation !== null}
        />
      ) : null}
    </RegistrarOrgPage>,
    status,
  );
}

registrarOrgRoutes.get("/:uscc", async (c) => {
  const access = await findOrgFor(c.get("deps").db, me(c), c.req.param("uscc"));
  return access ? orgPage(c, access) : c.notFound();
});

registrarOrgRoutes.post("/:uscc/revoke", async (c) => {
  const { db, now } = c.get("deps");
  const access = await findOrgFor(db, me(c), c.req.param("uscc"));
  if (!access) return c.notFound();
  if (!access.canAct) return c.text("本机关对该组织只有查看权限。", 403);
  const values = await formOf(c);
  const decision = revocationInput(values);
  const actor = actorOf(me(c), clientIp(c));
  const today = chinaDateOf(now?.() ?? new Date());
  // 撤销 cannot be undone (R-A9): the registrar confirms it by name first (every other problem shown with it).
  if (values.confirm !== "1")
    return orgPage(c, access, undefined, 422, {
      values,
      errors: {
        ...revocationProblems(decision, today, access.org.registeredOn),
        confirm: "请勾选确认后再作出撤销登记的决定。",
      },
    });
  const r = await revoke(db, actor, access.org, access.org.authorityId, decision, today);
  if (r.ok) return c.redirect(`/registrar/orgs/${access.org.uscc}?done=revoked`, 303);
  const errors = r.fields ?? { documentNo: r.message };
  const fresh = await findOrgFor(db, me(c), access.org.uscc);
  if (!fresh) return c.notFound();
  return orgPage(c, fresh, undefined, refusalStatus(r), { values, errors });
});

/** The 撤销 decision as typed: 文号, date, the facts for the 公告, and the version the registrar saw. */
function revocationInput(values: Record<string, string>) {
  return {
    documentNo: (values.documentNo ?? "").trim(),
    decidedOn: (values.decidedOn ?? "").trim(),
    reason: (values.reason ?? "").trim(),
    version: Number(values.version),
  };
}

registrarOrgRoutes.post("/:uscc/accounts", async (c) => {
  const { db } = c.get("deps");
  const access = await findOrgFor(db, me(c), c.req.param("uscc"));
  if (!access) return c.notFound();
  if (!access.canAct) return c.text("本机关对该组织只有查看权限。", 403);
  const { org } = access;
  const values = await formOf(c);
  const refusal = await firstAccountRefusal(db, org);
  if (refusal) return orgPage(c, access, { values, errors: { username: refusal } }, 409);
  const parsed = NewPerson.safeParse(values);
  if (!parsed.success) return orgPage(c, access, { values, errors: errorsOf(parsed.error) }, 422);
  const account = { ...parsed.data, role: "org" as const, orgId: org.id, isOrgAdmin: true };
  const r = await createAccount(db, actorOf(me(c), clientIp(c)), account, nowOf(c));
  if (r.kind === "invalid") return orgPage(c, access, { values, errors: r.errors }, 422);
  const link = { path: r.activationPath, expiresAt: r.expiresAt };
  return linkPage(c, "单位管理员账号已开设", parsed.data, link, `/registrar/orgs/${org.uscc}`);
});

/** Managing an organization's accounts, mounted at /registrar/users: back to that organization's page. */
export const registrarUserRoutes = manageAccountRoutes(
  async (c, target) => `/registrar/orgs/${await orgUscc(c.get("deps").db, target.orgId!)}`,
);
