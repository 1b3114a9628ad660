import type { SessionUser } from "../../src/context";
import { ErrorSummary, type Errors, Flash, formatDateTime, TextField } from "../components/form";
import { SummaryList } from "../components/summary";
import { Layout } from "../layout";

export const ROLE_LABELS: Record<SessionUser["role"], string> = {
  org: "社会组织用户",
  supervisor: "业务主管单位审查人员",
  registrar: "登记管理机关工作人员",
  party: "党建工作审查人员",
  admin: "系统管理员",
};

const LOGIN_LABELS = { username: "用户名", password: "密码", form: "" };

export function LoginPage(p: {
  values: { username?: string };
  errors: Errors;
  next: string | null;
  /** A banner above the form (e.g. after activation or logout). */
  notice?: string | null;
}) {
  return (
    <Layout title="登录">
      <h1>登录</h1>
      <Flash notice={p.notice} />
      <ErrorSummary errors={p.errors} labels={LOGIN_LABELS} />
      {p.errors.form ? (
        <p class="notice warning" id="form" role="alert">
          {p.errors.form}
        </p>
      ) : null}
      <form method="post" action="/login" class="narrow-form" novalidate>
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <TextField
          name="username"
          label="用户名"
          errors={p.errors}
          value={p.values.username}
          autocomplete="username"
          maxlength={80}
          autofocus={!p.values.username}
        />
        <TextField
          name="password"
          label="密码"
          type="password"
          errors={p.errors}
          autocomplete="current-password"
        />
        <button type="submit">登录</button>
      </form>
      <p class="muted">
        账号由登记管理机关或本单位管理员开设，不能自行注册。忘记密码请联系为您开设账号的人员重新发放激活链接。
      </p>
    </Layout>
  );
}

const PASSWORD_HINT = "至少 10 个字符；不能包含用户名，也不能是常见密码。可以用一句好记的话。";

export function ActivatePage(p: { token: string; username: string; displayName: string; errors: Errors }) {
  return (
    <Layout title="激活账号">
      <h1>激活账号</h1>
      <p>
        {p.displayName}，您好。您的用户名是 <strong>{p.username}</strong>。请设置登录密码，设置后即可登录。
      </p>
      <ErrorSummary errors={p.errors} labels={{ password: "设置密码", confirm: "再次输入密码" }} />
      <form method="post" action={`/activate/${p.token}`} class="narrow-form" novalidate>
        <input type="text" name="username" value={p.username} autocomplete="username" hidden />
        <TextField
          name="password"
          label="设置密码"
          type="password"
          errors={p.errors}
          hint={PASSWORD_HINT}
          autocomplete="new-password"
        />
        <TextField
          name="confirm"
          label="再次输入密码"
          type="password"
          errors={p.errors}
          autocomplete="new-password"
        />
        <button type="submit">设置密码并激活</button>
      </form>
    </Layout>
  );
}

export function ActivationGonePage() {
  return (
    <Layout title="激活链接无效">
      <h1>激活链接无效</h1>
      <p>这个激活链接不存在、已经使用过，或已超过 72 小时有效期。</p>
      <p>请联系为您开设账号的人员（登记管理机关或本单位管理员）重新发放激活链接。</p>
      <p>
        已经激活过？请直接<a href="/login">登录</a>。
      </p>
    </Layout>
  );
}

export interface SessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

function browserName(ua: string | null): string {
  if (!ua) return "未知浏览器";
  if (/Edg\//.test(ua)) return "Edge";
  if (/Firefox\//.test(ua)) return "Firefox";
  if (/Chrome\//.test(ua)) return "Chrome / Chromium";
  if (/Safari\//.test(ua)) return "Safari";
  return ua.slice(0, 40);
}

export function AccountPage(p: {
  user: SessionUser;
  scopeLabel: string;
  sessions: SessionRow[];
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <Layout title="我的账号" user={p.user}>
      <h1>我的账号</h1>
      <Flash notice={p.notice} />
      <SummaryList
        facts={[
          ["姓名", p.user.displayName],
          ["用户名", p.user.username],
          [
            "身份",
            <>
              {ROLE_LABELS[p.user.role]}
              {p.user.role === "org" && p.user.isOrgAdmin ? "（单位管理员）" : ""}
            </>,
          ],
          ["所属", p.scopeLabel],
        ]}
      />

      <h2 id="sessions-heading">登录中的设备</h2>
      <table aria-labelledby="sessions-heading">
        <thead>
          <tr>
            <th scope="col">浏览器</th>
            <th scope="col">IP 地址</th>
            <th scope="col">登录时间</th>
            <th scope="col">最近活动</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.sessions.map((s) => (
            <tr>
              <td>{browserName(s.userAgent)}</td>
              <td>{s.ip ?? "—"}</td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.lastSeenAt)}</td>
              <td>
                {s.current ? (
                  <span class="tag neutral">当前设备</span>
                ) : (
                  <form method="post" action={`/account/sessions/${s.id}/end`} class="inline-form">
                    <button type="submit" class="button secondary small-button">
                      结束此会话
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>修改密码</h2>
      <p class="muted">修改密码后，您在其他设备上的登录都会结束。</p>
      <ErrorSummary
        errors={p.errors}
        labels={{ current: "当前密码", password: "新密码", confirm: "再次输入新密码" }}
      />
      <form method="post" action="/account/password" class="narrow-form" novalidate>
        <input type="text" name="username" value={p.user.username} autocomplete="username" hidden />
        <TextField
          name="current"
          label="当前密码"
          type="password"
          errors={p.errors}
          autocomplete="current-password"
        />
        <TextField
          name="password"
          label="新密码"
          type="password"
          errors={p.errors}
          hint={PASSWORD_HINT}
          autocomplete="new-password"
        />
        <TextField
          name="confirm"
          label="再次输入新密码"
          type="password"
          errors={p.errors}
          autocomplete="new-password"
        />
        <button type="submit">修改密码</button>
      </form>
    </Layout>
  );
}
