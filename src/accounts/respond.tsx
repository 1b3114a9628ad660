/** What the account routes share: the notice after a step, the one-time activation link page, the person fields. */
import { z } from "zod";
import { ActivationLinkPage } from "../../views/accounts/activation-link";
import { actorOf } from "../auth/scope";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, me } from "../route-kit";
import { createAccount, displayNameField, usernameField } from "./service";

export const NewPerson = z.object({ username: usernameField, displayName: displayNameField });

export const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();

const NOTICES: Record<string, string> = {
  disabled: "账号已停用，其所有登录已结束。",
  enabled: "账号已启用。",
  stale: "该账号刚被其他人修改过，请查看最新状态后再操作。",
  "not-pending": "该账号已经激活，不需要激活链接。",
  created: "已新增。",
  revoked: "已作出撤销登记决定，并已发布公告。",
};
export const noticeOf = (c: C) => NOTICES[c.req.query("done") ?? ""] ?? null;

/** Shows a freshly made activation link once (never cached: the link is not stored in readable form). */
export function linkPage(
  c: C,
  title: string,
  u: { displayName: string; username: string },
  link: { path: string; expiresAt: number },
  back: string,
) {
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <ActivationLinkPage
      user={me(c)}
      title={title}
      accountName={u.displayName}
      username={u.username}
      link={`${c.get("deps").config.publicOrigin}${link.path}`}
      expiresAt={link.expiresAt}
      back={back}
    />,
  );
}

/**
 * Opens an account for the signed-in user's request and shows its activation link once (titled `title`, back to
 * `back`); a refusal (a username taken) goes back to the form through `again`.
 */
export async function openAccount(
  c: C,
  input: Parameters<typeof createAccount>[2],
  shown: { title: string; back: string },
  again: (errors: Record<string, string>) => Promise<Response>,
) {
  const r = await createAccount(c.get("deps").db, actorOf(me(c), clientIp(c)), input, nowOf(c));
  if (r.kind === "invalid") return again(r.errors);
  return linkPage(c, shown.title, input, { path: r.activationPath, expiresAt: r.expiresAt }, shown.back);
}
