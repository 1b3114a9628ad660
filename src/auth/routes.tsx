import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { authorities, organizations, supervisorUnits } from "../../db/schema";
import { AccountPage, ActivatePage, ActivationGonePage, LoginPage } from "../../views/auth/pages";
import type { AppEnv, SessionUser } from "../context";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { safeNext } from "./permissions";
import {
  activate,
  changePassword,
  endOwnSession,
  findActivation,
  listSessions,
  login,
  logout,
} from "./service";
import { clearSessionCookie, setSessionCookie } from "./sessions";
import { formatWait } from "./throttle";

/** /login: the sign-in form. */
export const loginRoutes = new Hono<AppEnv>();
/** /logout: ends the own session. */
export const logoutRoutes = new Hono<AppEnv>();
/** /activate/:token: a new account sets its password from the activation link. */
export const activationRoutes = new Hono<AppEnv>();
/** /account: the own password and the own sessions. */
export const accountRoutes = new Hono<AppEnv>();
/** /api/v1/me: who the API caller is. */
export const meApiRoutes = new Hono<AppEnv>();

const HOME: Record<SessionUser["role"], string> = {
  org: "/portal",
  supervisor: "/supervisor",
  registrar: "/registrar",
  party: "/party",
  admin: "/admin",
};

const LoginForm = z.object({
  username: z.string().trim().max(80, "用户名不能超过 80 个字符。").optional().default(""),
  password: z.string().max(200, "密码不能超过 200 个字符。").optional().default(""),
  next: z.string().optional(),
});

async function form(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
}

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? "form");
    errors[key] ??= i.message;
  }
  return errors;
}

const NOTICES: Record<string, string> = {
  activated: "账号已激活，请用刚设置的密码登录。",
  "logged-out": "您已退出登录。",
};

loginRoutes.get("/", async (c) => {
  const user = c.get("user");
  const next = safeNext(c.req.query("next"));
  if (user) return c.redirect(next ?? HOME[user.role], 303);
  return renderPage(
    c,
    <LoginPage values={{}} errors={{}} next={next} notice={NOTICES[c.req.query("done") ?? ""]} />,
  );
});

loginRoutes.post("/", async (c) => {
  const input = loginInput(await form(c));
  if (!input.ok)
    return renderPage(c, <LoginPage values={input.values} errors={input.errors} next={input.next} />, 422);
  const { db, config, now } = c.get("deps");
  const result = await login(db, config, input, now?.() ?? new Date(), {
    ip: clientIp(c),
    userAgent: c.req.header("User-Agent") ?? null,
  });
  if (result.kind === "ok") {
    setSessionCookie(c, result.token);
    return c.redirect(input.next ?? HOME[result.user.role], 303);
  }
  if (result.kind === "throttled") c.header("Retry-After", String(Math.ceil(result.waitMs / 1000)));
  const refused = loginRefusal(result);
  return renderPage(
    c,
    <LoginPage values={{ username: input.username }} errors={{ form: refused.message }} next={input.next} />,
    refused.status,
  );
});

/** The sign-in form: both fields filled in, within their lengths; `next` only if it stays on this site. */
function loginInput(raw: Record<string, string>) {
  const parsed = LoginForm.safeParse(raw);
  const next = safeNext(parsed.data?.next);
  if (!parsed.success)
    return { ok: false as const, values: {}, errors: fieldErrors(parsed.error.issues), next };
  const { username, password } = parsed.data;
  const errors: Record<string, string> = {};
  if (!username) errors.username = "请填写用户名。";
  if (!password) errors.password = "请填写密码。";
  if (Object.keys(errors).length > 0) return { ok: false as const, values: { username }, errors, next };
  return { ok: true as const, username, password, next };
}

/** Why a sign-in was refused, in words and as a status (a wrong name and a wrong password read the same). */
function loginRefusal(result: Exclude<Awaited<ReturnType<typeof login>>, { kind: "ok" }>): {
  message: string;
  status: 401 | 403 | 429;
} {
  switch (result.kind) {
    case "throttled":
      return { message: `登录失败次数过多，请 ${formatWait(result.waitMs)}后再试。`, status: 429 };
    case "disabled":
      return { message: "这个账号已被停用，不能登录。如有疑问请联系为您开设账号的人员。", status: 403 };
    default:
      return { message: "用户名或密码不正确。", status: 401 };
  }
}

logoutRoutes.post("/", async (c) => {
  const user = c.get("user");
  if (user) await logout(c.get("deps").db, user, clientIp(c));
  clearSessionCookie(c);
  return c.redirect("/login?done=logged-out", 303);
});

activationRoutes.get("/:token", async (c) => {
  const { db, now } = c.get("deps");
  const target = await findActivation(db, c.req.param("token"), now?.() ?? new Date());
  if (!target) return renderPage(c, <ActivationGonePage />, 404);
  return renderPage(
    c,
    <ActivatePage
      token={c.req.param("token")}
      username={target.user.username}
      displayName={target.user.displayName}
      errors={{}}
    />,
  );
});

const PasswordPair = z.object({
  password: z.string().max(500, "密码太长了。").optional().default(""),
  confirm: z.string().max(500, "密码太长了。").optional().default(""),
});

activationRoutes.post("/:token", async (c) => {
  const { db, config, now } = c.get("deps");
  const token = c.req.param("token");
  const at = now?.() ?? new Date();
  const target = await findActivation(db, token, at);
  if (!target) return renderPage(c, <ActivationGonePage />, 404);
  const parsed = PasswordPair.safeParse(await form(c));
  const result = parsed.success
    ? await activate(db, config, token, parsed.data, at, clientIp(c))
    : ({ kind: "invalid", errors: fieldErrors(parsed.error.issues) } as const);
  if (result.kind === "ok") return c.redirect("/login?done=activated", 303);
  if (result.kind === "gone") return renderPage(c, <ActivationGonePage />, 404);
  return renderPage(
    c,
    <ActivatePage
      token={token}
      username={target.user.username}
      displayName={target.user.displayName}
      errors={result.errors}
    />,
    422,
  );
});

async function scopeLabel(c: Context<AppEnv>, user: SessionUser): Promise<string> {
  const { db } = c.get("deps");
  if (user.orgId !== null) {
    const [o] = await db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, user.orgId));
    return o?.name ?? "—";
  }
  if (user.authorityId !== null) {
    const [a] = await db
      .select({ name: authorities.name })
      .from(authorities)
      .where(eq(authorities.id, user.authorityId));
    return a?.name ?? "—";
  }
  if (user.supervisorUnitId !== null) {
    const [u] = await db
      .select({ name: supervisorUnits.name })
      .from(supervisorUnits)
      .where(eq(supervisorUnits.id, user.supervisorUnitId));
    return u?.name ?? "—";
  }
  return "全系统";
}

async function accountPage(
  c: Context<AppEnv>,
  errors: Record<string, string>,
  notice: string | null,
  status = 200,
) {
  const user = c.get("user")!;
  const { db, config, now } = c.get("deps");
  const sessions = await listSessions(db, user, now?.() ?? new Date(), config.sessionIdleMs);
  return renderPage(
    c,
    <AccountPage
      user={user}
      scopeLabel={await scopeLabel(c, user)}
      sessions={sessions}
      errors={errors}
      notice={notice}
    />,
    status as 200,
  );
}

const ACCOUNT_NOTICES: Record<string, string> = {
  password: "密码已修改，其他设备上的登录已经结束。",
  "session-ended": "该会话已结束。",
};

accountRoutes.get("/", (c) => accountPage(c, {}, ACCOUNT_NOTICES[c.req.query("done") ?? ""] ?? null));

const PasswordChange = PasswordPair.extend({ current: z.string().max(500).optional().default("") });

accountRoutes.post("/password", async (c) => {
  const user = c.get("user")!;
  const { db, config, now } = c.get("deps");
  const parsed = PasswordChange.safeParse(await form(c));
  if (!parsed.success) return accountPage(c, fieldErrors(parsed.error.issues), null, 422);
  const result = await changePassword(db, config, user, parsed.data, now?.() ?? new Date(), {
    ip: clientIp(c),
    userAgent: c.req.header("User-Agent") ?? null,
  });
  if (result.kind === "invalid") return accountPage(c, result.errors, null, 422);
  setSessionCookie(c, result.token);
  return c.redirect("/account?done=password", 303);
});

accountRoutes.post("/sessions/:id/end", async (c) => {
  const user = c.get("user")!;
  const id = c.req.param("id");
  if (!/^[0-9a-f]{32}$/.test(id) || id === user.sessionId) return c.notFound();
  const ended = await endOwnSession(c.get("deps").db, user, id, clientIp(c));
  if (!ended) return c.notFound();
  return c.redirect("/account?done=session-ended", 303);
});

meApiRoutes.get("/", (c) => {
  const u = c.get("user")!;
  return c.json({
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    is_org_admin: u.isOrgAdmin,
  });
});
