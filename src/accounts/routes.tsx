import { and, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  authorities,
  organizations,
  orgHistory,
  registrationApplications,
  supervisorUnits,
  users,
} from "../../db/schema";
import {
  ActivationLinkPage,
  AdminHome,
  AuditPage,
  AuthoritiesPage,
  OrgUsersPage,
  PortalHome,
  RegistrarHome,
  RegistrarOrgList,
  RegistrarOrgPage,
  StaffPage,
  SupervisorHome,
  SupervisorUnitsPage,
} from "../../views/accounts/pages";
import { InspectionHomePanel as PortalInspectionPanel } from "../../views/inspection/portal/pages";
import { InspectionHomePanel, loadInspectionHome } from "../../views/inspection/review/home-panel";
import { ChangeHistory, RevocationForm } from "../../views/registration/registrar-org";
import { commitWithAudit } from "../audit/audit";
import { verifyAuditChain } from "../audit/chain";
import { listAuditEvents } from "../audit/queries";
import { actorOf, findOrgFor, readableAuthorityIds } from "../auth/scope";
import type { AppEnv, SessionUser } from "../context";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "../domain/text";
import { validateUscc } from "../domain/uscc";
import { chinaDateOf } from "../domain/working-days";
import { clientIp } from "../http";
import { loadPortalInspection } from "../inspection/portal-routes";
import { partyHomeFigures, portalPartyStatus } from "../party/coverage";
import { revoke } from "../registration/revocation";
import { STATUS_LABELS } from "../registry/labels";
import { MAX_QUERY_LENGTH } from "../registry/search";
import { renderPage } from "../render";
import { zombieHomeFigures } from "../zombie/cases";
import {
  createAccount,
  displayNameField,
  findManagedUser,
  hasOrgAdmin,
  type NewAccount,
  orgAccounts,
  reissueActivation,
  setDisabled,
  staffAccounts,
  usernameField,
} from "./service";

/**
 * Account administration (issue 3): /admin (staff accounts, authorities, supervisor units, the audit log),
 * /registrar (organizations of its authority, their first account and audit trail), /portal (the organization's own
 * accounts), /supervisor (its organizations). The area guard has already checked the role; everything here checks the
 * object.
 */
export const accountRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const me = (c: C) => c.get("user")!;
const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();

async function form(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
}

function errorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

const NewPerson = z.object({ username: usernameField, displayName: displayNameField });

const noStore = (c: C) => c.header("Cache-Control", "no-store");

/** Shows a freshly made activation link once. */
function linkPage(
  c: C,
  title: string,
  u: { displayName: string; username: string },
  path: string,
  exp: number,
  back: string,
) {
  noStore(c);
  return renderPage(
    c,
    <ActivationLinkPage
      user={me(c)}
      title={title}
      accountName={u.displayName}
      username={u.username}
      link={`${c.get("deps").config.publicOrigin}${path}`}
      expiresAt={exp}
      back={back}
    />,
  );
}

// ---------------------------------------------------------------- managing one account (three areas, one handler)

const ManageForm = z.object({ version: z.coerce.number().int().positive() });
const idParam = (c: C) => {
  const id = Number(c.req.param("userId"));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

function manageRoutes(base: string, back: (c: C, target: typeof users.$inferSelect) => Promise<string>) {
  for (const action of ["disable", "enable"] as const) {
    accountRoutes.post(`${base}/:userId/${action}`, async (c) => {
      const { db } = c.get("deps");
      const id = idParam(c);
      const target = id ? await findManagedUser(db, me(c), id) : null;
      if (!target) return c.notFound();
      const parsed = ManageForm.safeParse(await form(c));
      if (!parsed.success) return c.text("请求缺少版本号，请刷新页面后重试。", 400);
      const r = await setDisabled(
        db,
        actorOf(me(c), clientIp(c)),
        target,
        action === "disable",
        parsed.data.version,
        nowOf(c),
      );
      const done = r.kind === "stale" ? "stale" : action === "disable" ? "disabled" : "enabled";
      return c.redirect(`${await back(c, target)}?done=${done}`, 303);
    });
  }
  accountRoutes.post(`${base}/:userId/activation`, async (c) => {
    const { db } = c.get("deps");
    const id = idParam(c);
    const target = id ? await findManagedUser(db, me(c), id) : null;
    if (!target) return c.notFound();
    const link = await reissueActivation(db, actorOf(me(c), clientIp(c)), target, nowOf(c));
    const backTo = await back(c, target);
    if (!link) return c.redirect(`${backTo}?done=not-pending`, 303);
    return linkPage(c, "已重发激活链接", target, link.path, link.expiresAt, backTo);
  });
}

const NOTICES: Record<string, string> = {
  disabled: "账号已停用，其所有登录已结束。",
  enabled: "账号已启用。",
  stale: "该账号刚被其他人修改过，请查看最新状态后再操作。",
  "not-pending": "该账号已经激活，不需要激活链接。",
  created: "已新增。",
  revoked: "已作出撤销登记决定，并已发布公告。",
};
const noticeOf = (c: C) => NOTICES[c.req.query("done") ?? ""] ?? null;

// ---------------------------------------------------------------- admin

accountRoutes.get("/admin", async (c) => {
  const { db } = c.get("deps");
  const [[staff], [orgUsers], [auths], [units]] = await Promise.all([
    db.select({ n: count() }).from(users).where(ne(users.role, "org")),
    db.select({ n: count() }).from(users).where(eq(users.role, "org")),
    db.select({ n: count() }).from(authorities),
    db.select({ n: count() }).from(supervisorUnits),
  ]);
  return renderPage(
    c,
    <AdminHome
      user={me(c)}
      counts={[
        { label: "工作人员账号", value: staff?.n ?? 0, href: "/admin/users" },
        { label: "社会组织账号", value: orgUsers?.n ?? 0, href: "/admin/audit?action=account." },
        { label: "登记管理机关", value: auths?.n ?? 0, href: "/admin/authorities" },
        { label: "业务主管单位", value: units?.n ?? 0, href: "/admin/supervisor-units" },
      ]}
    />,
  );
});

async function staffPage(c: C, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const { db } = c.get("deps");
  const [rows, auths, units] = await Promise.all([
    staffAccounts(db),
    db.select({ id: authorities.id, name: authorities.name }).from(authorities).orderBy(authorities.code),
    db
      .select({ id: supervisorUnits.id, name: supervisorUnits.name })
      .from(supervisorUnits)
      .orderBy(supervisorUnits.name),
  ]);
  return renderPage(
    c,
    <StaffPage
      user={me(c)}
      rows={rows.map((r) => ({ user: r.user, scope: r.authorityName ?? r.unitName }))}
      authorities={auths}
      units={units}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
    />,
    status as 200,
  );
}

accountRoutes.get("/admin/users", (c) => staffPage(c, {}, {}));

/** An id chosen from a list: anything that is not a positive integer is "nothing chosen". */
const chosenId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null));

const StaffForm = NewPerson.extend({
  role: z.enum(["registrar", "party", "supervisor", "admin"], { error: "请选择身份。" }),
  authorityId: chosenId,
  supervisorUnitId: chosenId,
});

accountRoutes.post("/admin/users", async (c) => {
  const { db } = c.get("deps");
  const values = await form(c);
  const parsed = StaffForm.safeParse(values);
  const errors = parsed.success ? {} : errorsOf(parsed.error);
  let binding: NewAccount | null = null;
  if (parsed.success) {
    const d = parsed.data;
    if (d.role === "admin") binding = { role: "admin" };
    if (d.role === "registrar" || d.role === "party") {
      const [a] = await db
        .select({ id: authorities.id })
        .from(authorities)
        .where(eq(authorities.id, d.authorityId ?? -1));
      if (a) binding = { role: d.role, authorityId: a.id };
      else errors.authorityId = "请选择该工作人员所在的登记管理机关。";
    }
    if (d.role === "supervisor") {
      const [u] = await db
        .select({ id: supervisorUnits.id })
        .from(supervisorUnits)
        .where(eq(supervisorUnits.id, d.supervisorUnitId ?? -1));
      if (u) binding = { role: "supervisor", supervisorUnitId: u.id };
      else errors.supervisorUnitId = "请选择该审查人员所在的业务主管单位。";
    }
  }
  if (!parsed.success || !binding) return staffPage(c, values, errors, 422);
  const r = await createAccount(
    db,
    actorOf(me(c), clientIp(c)),
    { username: parsed.data.username, displayName: parsed.data.displayName, ...binding },
    nowOf(c),
  );
  if (r.kind === "invalid") return staffPage(c, values, r.errors, 422);
  return linkPage(c, "账号已开设", parsed.data, r.activationPath, r.expiresAt, "/admin/users");
});

manageRoutes("/admin/users", async () => "/admin/users");

async function authoritiesPage(
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  status = 200,
) {
  const { db } = c.get("deps");
  const rows = (await db.all(sql`
    SELECT a.id, a.code, a.name, a.level, a.region_code AS regionCode, p.name AS parentName
    FROM authorities a LEFT JOIN authorities p ON p.id = a.parent_id ORDER BY a.code`)) as {
    id: number;
    code: string;
    name: string;
    level: string;
    regionCode: string;
    parentName: string | null;
  }[];
  return renderPage(
    c,
    <AuthoritiesPage user={me(c)} rows={rows} values={values} errors={errors} notice={noticeOf(c)} />,
    status as 200,
  );
}

accountRoutes.get("/admin/authorities", (c) => authoritiesPage(c, {}, {}));

const AuthorityForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "代码应为 6 位数字（GB/T 2260 行政区划代码）。"),
  name: z.string().trim().min(2, "请填写名称。").max(60, "名称不能超过 60 个字。"),
  level: z.enum(["national", "province", "city", "district"], { error: "请选择级别。" }),
  parentId: chosenId,
});

accountRoutes.post("/admin/authorities", async (c) => {
  const { db } = c.get("deps");
  const values = await form(c);
  const parsed = AuthorityForm.safeParse(values);
  if (!parsed.success) return authoritiesPage(c, values, errorsOf(parsed.error), 422);
  const d = parsed.data;
  const [dup] = await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.code, d.code));
  if (dup) return authoritiesPage(c, values, { code: "这个代码已经有登记管理机关了。" }, 422);
  let parentId: number | null = null;
  if (d.parentId) {
    const [p] = await db
      .select({ id: authorities.id })
      .from(authorities)
      .where(eq(authorities.id, Number(d.parentId)));
    if (!p) return authoritiesPage(c, values, { parentId: "请选择列表中的上级登记管理机关。" }, 422);
    parentId = p.id;
  }
  await commitWithAudit(
    db,
    actorOf(me(c), clientIp(c)),
    [
      db
        .insert(authorities)
        .values({ code: d.code, name: d.name, regionCode: d.code, level: d.level, parentId }),
    ],
    {
      action: "authority.create",
      objectType: "authority",
      objectId: d.code,
      summary: { name: d.name, level: d.level },
    },
  );
  return c.redirect("/admin/authorities?done=created", 303);
});

async function unitsPage(c: C, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const { db } = c.get("deps");
  const rows = (await db.all(sql`
    SELECT s.id, s.name,
      (SELECT count(*) FROM organizations o WHERE o.supervisor_unit_id = s.id) AS orgs,
      (SELECT count(*) FROM users u WHERE u.supervisor_unit_id = s.id) AS reviewers
    FROM supervisor_units s ORDER BY orgs DESC, s.name`)) as {
    id: number;
    name: string;
    orgs: number;
    reviewers: number;
  }[];
  return renderPage(
    c,
    <SupervisorUnitsPage user={me(c)} rows={rows} values={values} errors={errors} notice={noticeOf(c)} />,
    status as 200,
  );
}

accountRoutes.get("/admin/supervisor-units", (c) => unitsPage(c, {}, {}));

const UnitForm = z.object({
  name: z.string().trim().min(2, "请填写业务主管单位的全称。").max(60, "名称不能超过 60 个字。"),
});

accountRoutes.post("/admin/supervisor-units", async (c) => {
  const { db } = c.get("deps");
  const values = await form(c);
  const parsed = UnitForm.safeParse(values);
  if (!parsed.success) return unitsPage(c, values, errorsOf(parsed.error), 422);
  const [dup] = await db
    .select({ id: supervisorUnits.id })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.name, parsed.data.name));
  if (dup) return unitsPage(c, values, { name: "已经有这个业务主管单位了。" }, 422);
  await commitWithAudit(
    db,
    actorOf(me(c), clientIp(c)),
    [db.insert(supervisorUnits).values({ name: parsed.data.name })],
    { action: "supervisor_unit.create", objectType: "supervisor_unit", objectId: parsed.data.name },
  );
  return c.redirect("/admin/supervisor-units?done=created", 303);
});

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "请按 年-月-日 填写日期，例如 2026-01-31。")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "这个日期不存在。");

const AuditQuery = z.object({
  username: z.string().trim().max(80, "用户名不能超过 80 个字符。").optional(),
  org: z.string().trim().max(18, "统一社会信用代码为 18 位。").optional(),
  action: z.string().trim().max(40).optional(),
  from: z.union([z.literal(""), isoDay]).optional(),
  to: z.union([z.literal(""), isoDay]).optional(),
  before: z.coerce.number().int().positive().optional(),
});

accountRoutes.get("/admin/audit", async (c) => {
  const { db } = c.get("deps");
  const raw = c.req.query();
  const parsed = AuditQuery.safeParse(raw);
  const errors = parsed.success ? {} : errorsOf(parsed.error);
  // Each filter is checked on its own, so every bad one gets its message at once.
  const q: z.infer<typeof AuditQuery> = parsed.success ? parsed.data : { org: raw.org?.trim().slice(0, 18) };
  let orgId: number | undefined;
  if (q.org) {
    const v = validateUscc(q.org.toUpperCase());
    const [o] = v.ok
      ? await db
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.uscc, q.org.toUpperCase()))
      : [];
    if (o) orgId = o.id;
    else errors.org = v.ok ? "没有这个统一社会信用代码的社会组织。" : `统一社会信用代码有误：${v.message}`;
  }
  if (q.from && q.to && q.from > q.to) errors.to = "截止日期不能早于起始日期。";
  const ok = Object.keys(errors).length === 0;
  const page = ok
    ? await listAuditEvents(
        db,
        {
          username: q.username?.toLowerCase() || undefined,
          orgId,
          action: q.action || undefined,
          from: q.from || undefined,
          to: q.to || undefined,
        },
        q.before ?? null,
      )
    : { rows: [], nextBefore: null };
  const ids = [...new Set(page.rows.map((r) => r.orgId).filter((x): x is number => x !== null))];
  const names = ids.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, ids))
    : [];
  const keep = new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== "before" && v));
  const next = page.nextBefore
    ? `/admin/audit?${new URLSearchParams([...keep, ["before", String(page.nextBefore)]])}`
    : null;
  const prev = q.before ? `/admin/audit${keep.size ? `?${keep}` : ""}` : null;
  const chain = c.req.query("verify") === "1" ? await verifyAuditChain(db) : null;
  return renderPage(
    c,
    <AuditPage
      user={me(c)}
      filters={Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))}
      errors={errors}
      rows={page.rows}
      orgNames={new Map(names.map((n) => [n.id, n.name]))}
      prev={prev}
      next={next}
      chain={
        chain ? (
          chain.firstBroken ? (
            <p class="notice warning" role="alert">
              审计链校验未通过：第 {chain.firstBroken.id} 条记录被改动、删除或越权插入（
              {chain.firstBroken.reason}）。
            </p>
          ) : (
            <p class="notice success" role="status">
              审计链校验通过：已核对 {chain.checked.toLocaleString("zh-CN")} 条记录，未发现改动。
            </p>
          )
        ) : (
          <p>
            <a href="/admin/audit?verify=1">校验审计链是否被改动</a>
          </p>
        )
      }
    />,
    ok ? 200 : 422,
  );
});

// ---------------------------------------------------------------- registrar

accountRoutes.get("/registrar", async (c) => {
  const { db } = c.get("deps");
  const user = me(c);
  const readable = await readableAuthorityIds(db, user);
  const auths = await db
    .select({ id: authorities.id, code: authorities.code, name: authorities.name })
    .from(authorities)
    .where(inArray(authorities.id, readable))
    .orderBy(authorities.code);
  const [[active], [accounts], [waiting]] = await Promise.all([
    db
      .select({ n: count() })
      .from(organizations)
      .where(and(eq(organizations.authorityId, user.authorityId!), eq(organizations.status, "active"))),
    db
      .select({ n: count() })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .where(eq(organizations.authorityId, user.authorityId!)),
    db
      .select({ n: count() })
      .from(registrationApplications)
      .where(
        and(
          eq(registrationApplications.authorityId, user.authorityId!),
          eq(registrationApplications.state, "submitted"),
        ),
      ),
  ]);
  return renderPage(
    c,
    <RegistrarHome
      user={user}
      authorityName={auths.find((a) => a.id === user.authorityId)?.name ?? ""}
      readable={auths.map((a) => ({ code: a.code, name: a.name, own: a.id === user.authorityId }))}
      counts={{ active: active?.n ?? 0, orgAccounts: accounts?.n ?? 0, applications: waiting?.n ?? 0 }}
      party={await partyHomeFigures(c.get("deps"), user)}
      zombie={await zombieHomeFigures(c.get("deps"), user)}
      links={<InspectionHomePanel data={await loadInspectionHome(c.get("deps"), user)} />}
    />,
  );
});

const OrgListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH)
    .refine((v) => !hasControlCharacters(v), `查询内容${CONTROL_CHARACTER_MESSAGE}`)
    .optional()
    .default(""),
  authority: z.string().optional(),
  page: z.coerce.number().int().min(1).max(200).optional().default(1),
});

accountRoutes.get("/registrar/orgs", async (c) => {
  const { db, searchCache } = c.get("deps");
  const user = me(c);
  const parsed = OrgListQuery.safeParse(c.req.query());
  const q = parsed.success ? parsed.data : { q: "", authority: undefined, page: 1 };
  const readable = await readableAuthorityIds(db, user);
  const auths = await db
    .select({ id: authorities.id, code: authorities.code, name: authorities.name })
    .from(authorities)
    .where(inArray(authorities.id, readable));
  // Only authorities this registrar may read; anything else falls back to its own.
  const chosen = auths.find((a) => a.code === q.authority) ?? auths.find((a) => a.id === user.authorityId)!;
  const result = await searchCache!.search(db, {
    q: q.q,
    authorityCode: chosen.code,
    page: q.page,
    perPage: 20,
  });
  const link = (page: number) =>
    `/registrar/orgs?${new URLSearchParams({ q: q.q, authority: chosen.code, page: String(page) })}`;
  const hasNext = result.page * result.perPage < result.total;
  return renderPage(
    c,
    <RegistrarOrgList
      user={user}
      q={q.q}
      authorityName={chosen.name}
      rows={result.items.map((o) => ({ uscc: o.uscc, name: o.name, statusLabel: STATUS_LABELS[o.status] }))}
      total={result.totalCapped ? "10,000+" : result.total.toLocaleString("zh-CN")}
      prev={result.page > 1 ? link(result.page - 1) : null}
      next={hasNext ? link(result.page + 1) : null}
    />,
  );
});

async function registrarOrgPage(
  c: C,
  uscc: string,
  values: Record<string, string>,
  errors: Record<string, string>,
  status = 200,
  revocation: { values: Record<string, string>; errors: Record<string, string> } | null = null,
) {
  const { db } = c.get("deps");
  const user = me(c);
  const access = await findOrgFor(db, user, uscc);
  if (!access) return c.notFound();
  const { org, canAct } = access;
  const before = Number(c.req.query("before")) || null;
  const [accounts, [auth], audit, adminExists, history] = await Promise.all([
    orgAccounts(db, org.id),
    db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, org.authorityId)),
    listAuditEvents(db, { orgId: org.id }, before, 20),
    hasOrgAdmin(db, org.id),
    db.select().from(orgHistory).where(eq(orgHistory.orgId, org.id)).orderBy(desc(orgHistory.id)).limit(200),
  ]);
  const base = `/registrar/orgs/${org.uscc}`;
  return renderPage(
    c,
    <RegistrarOrgPage
      user={user}
      org={{
        uscc: org.uscc,
        name: org.name,
        statusLabel: STATUS_LABELS[org.status],
        authorityName: auth?.name ?? "",
        legalRepresentative: org.legalRepresentative,
      }}
      canAct={canAct}
      accounts={accounts}
      mayCreateFirst={!adminExists && org.status === "active"}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
      audit={audit.rows}
      auditNext={audit.nextBefore ? `${base}?before=${audit.nextBefore}#audit` : null}
      auditPrev={before ? `${base}#audit` : null}
    >
      <ChangeHistory rows={history} />
      {canAct && org.status === "active" ? (
        <RevocationForm
          uscc={org.uscc}
          version={org.version}
          values={revocation?.values ?? {}}
          errors={revocation?.errors ?? {}}
          open={revocation !== null}
        />
      ) : null}
    </RegistrarOrgPage>,
    status as 200,
  );
}

accountRoutes.post("/registrar/orgs/:uscc/revoke", async (c) => {
  const { db, now } = c.get("deps");
  const access = await findOrgFor(db, me(c), c.req.param("uscc"));
  if (!access) return c.notFound();
  if (!access.canAct) return c.text("本机关对该组织只有查看权限。", 403);
  const values = await form(c);
  const r = await revoke(
    db,
    actorOf(me(c), clientIp(c)),
    access.org,
    access.org.authorityId,
    {
      documentNo: (values.documentNo ?? "").trim(),
      decidedOn: (values.decidedOn ?? "").trim(),
      reason: (values.reason ?? "").trim(),
      version: Number(values.version),
    },
    chinaDateOf(now?.() ?? new Date()),
  );
  if (r.ok) return c.redirect(`/registrar/orgs/${access.org.uscc}?done=revoked`, 303);
  const errors = r.fields ?? { documentNo: r.message };
  return registrarOrgPage(c, access.org.uscc, {}, {}, r.code === "invalid" ? 422 : 409, { values, errors });
});

accountRoutes.get("/registrar/orgs/:uscc", (c) => registrarOrgPage(c, c.req.param("uscc"), {}, {}));

accountRoutes.post("/registrar/orgs/:uscc/accounts", async (c) => {
  const { db } = c.get("deps");
  const access = await findOrgFor(db, me(c), c.req.param("uscc"));
  if (!access) return c.notFound();
  if (!access.canAct) return c.text("本机关对该组织只有查看权限。", 403);
  const { org } = access;
  const values = await form(c);
  if (org.status !== "active") {
    return registrarOrgPage(c, org.uscc, values, { username: "该组织已终止登记，不能再开设账号。" }, 409);
  }
  if (await hasOrgAdmin(db, org.id)) {
    return registrarOrgPage(
      c,
      org.uscc,
      values,
      { username: "该组织已有单位管理员，其他同事由单位管理员邀请。" },
      409,
    );
  }
  const parsed = NewPerson.safeParse(values);
  if (!parsed.success) return registrarOrgPage(c, org.uscc, values, errorsOf(parsed.error), 422);
  const r = await createAccount(
    db,
    actorOf(me(c), clientIp(c)),
    { ...parsed.data, role: "org", orgId: org.id, isOrgAdmin: true },
    nowOf(c),
  );
  if (r.kind === "invalid") return registrarOrgPage(c, org.uscc, values, r.errors, 422);
  return linkPage(
    c,
    "单位管理员账号已开设",
    parsed.data,
    r.activationPath,
    r.expiresAt,
    `/registrar/orgs/${org.uscc}`,
  );
});

manageRoutes("/registrar/users", async (c, target) => {
  const [o] = await c
    .get("deps")
    .db.select({ uscc: organizations.uscc })
    .from(organizations)
    .where(eq(organizations.id, target.orgId!));
  return `/registrar/orgs/${o!.uscc}`;
});

// ---------------------------------------------------------------- organization portal

async function ownOrg(c: C) {
  const { db } = c.get("deps");
  const [row] = await db
    .select({ org: organizations, authorityName: authorities.name })
    .from(organizations)
    .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
    .where(eq(organizations.id, me(c).orgId!));
  return row!;
}

accountRoutes.get("/portal", async (c) => {
  const { org, authorityName } = await ownOrg(c);
  return renderPage(
    c,
    <PortalHome
      user={me(c)}
      org={{ name: org.name, uscc: org.uscc, statusLabel: STATUS_LABELS[org.status], authorityName }}
      inspectionPanel={<PortalInspectionPanel data={await loadPortalInspection(c.get("deps"), me(c))} />}
      party={await portalPartyStatus(c.get("deps"), org.id)}
    />,
  );
});

async function orgUsersPage(
  c: C,
  values: Record<string, string>,
  errors: Record<string, string>,
  status = 200,
) {
  const user = me(c);
  if (!user.isOrgAdmin) return c.notFound();
  const { org } = await ownOrg(c);
  const rows = await orgAccounts(c.get("deps").db, org.id);
  return renderPage(
    c,
    <OrgUsersPage
      user={user}
      orgName={org.name}
      rows={rows}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
    />,
    status as 200,
  );
}

accountRoutes.get("/portal/users", (c) => orgUsersPage(c, {}, {}));

accountRoutes.post("/portal/users", async (c) => {
  const user = me(c);
  if (!user.isOrgAdmin) return c.notFound();
  const values = await form(c);
  const parsed = NewPerson.safeParse(values);
  if (!parsed.success) return orgUsersPage(c, values, errorsOf(parsed.error), 422);
  const r = await createAccount(
    c.get("deps").db,
    actorOf(user, clientIp(c)),
    { ...parsed.data, role: "org", orgId: user.orgId!, isOrgAdmin: false },
    nowOf(c),
  );
  if (r.kind === "invalid") return orgUsersPage(c, values, r.errors, 422);
  return linkPage(c, "邀请已生成", parsed.data, r.activationPath, r.expiresAt, "/portal/users");
});

manageRoutes("/portal/users", async () => "/portal/users");

// ---------------------------------------------------------------- supervisor

accountRoutes.get("/supervisor", async (c) => {
  const { db } = c.get("deps");
  const user: SessionUser = me(c);
  const page = Math.max(1, Math.min(10_000, Number(c.req.query("page")) || 1));
  const per = 50;
  const [unit] = await db
    .select({ name: supervisorUnits.name })
    .from(supervisorUnits)
    .where(eq(supervisorUnits.id, user.supervisorUnitId!));
  const [total] = await db
    .select({ n: count() })
    .from(organizations)
    .where(eq(organizations.supervisorUnitId, user.supervisorUnitId!));
  const rows = await db
    .select({
      uscc: organizations.uscc,
      name: organizations.name,
      status: organizations.status,
      authorityName: authorities.name,
    })
    .from(organizations)
    .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
    .where(eq(organizations.supervisorUnitId, user.supervisorUnitId!))
    .orderBy(organizations.status, organizations.name)
    .limit(per)
    .offset((page - 1) * per);
  const n = total?.n ?? 0;
  return renderPage(
    c,
    <SupervisorHome
      user={user}
      unitName={unit?.name ?? ""}
      rows={rows.map((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status] }))}
      total={n}
      page={page}
      pages={Math.max(1, Math.ceil(n / per))}
      links={<InspectionHomePanel data={await loadInspectionHome(c.get("deps"), user)} />}
    />,
  );
});
