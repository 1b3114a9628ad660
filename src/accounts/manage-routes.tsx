/**
 * Managing one account — disable, enable, a new activation link — the same for the three managers: mounted at
 * /admin/users (staff), /registrar/users (organizations' accounts) and /portal/users (colleagues). The service
 * answers which accounts the signed-in user may manage; any other id is 404.
 */
import { Hono } from "hono";
import { z } from "zod";
import { actorOf } from "../auth/scope";
import type { AppEnv } from "../context";
import { clientIp } from "../http";
import { type C, formOf, idOf, me } from "../route-kit";
import { linkPage, nowOf } from "./respond";
import { findManagedUser, reissueActivation, setDisabled } from "./service";

type Target = NonNullable<Awaited<ReturnType<typeof findManagedUser>>>;
/** Where the manager goes back to after acting on `target`. */
export type BackTo = (c: C, target: Target) => Promise<string>;

const ManageForm = z.object({ version: z.coerce.number().int().positive() });

async function targetOf(c: C): Promise<Target | null> {
  const id = idOf(c.req.param("userId") ?? "");
  return id ? findManagedUser(c.get("deps").db, me(c), id) : null;
}

async function changeStatus(c: C, backTo: BackTo, disable: boolean) {
  const target = await targetOf(c);
  if (!target) return c.notFound();
  const parsed = ManageForm.safeParse(await formOf(c));
  if (!parsed.success) return c.text("请求缺少版本号，请刷新页面后重试。", 400);
  const actor = actorOf(me(c), clientIp(c));
  const r = await setDisabled(c.get("deps").db, actor, target, disable, parsed.data.version, nowOf(c));
  const done = r.kind === "stale" ? "stale" : disable ? "disabled" : "enabled";
  return c.redirect(`${await backTo(c, target)}?done=${done}`, 303);
}

export function manageAccountRoutes(backTo: BackTo) {
  const routes = new Hono<AppEnv>();
  routes.post("/:userId/disable", (c) => changeStatus(c, backTo, true));
  routes.post("/:userId/enable", (c) => changeStatus(c, backTo, false));
  routes.post("/:userId/activation", async (c) => {
    const target = await targetOf(c);
    if (!target) return c.notFound();
    const link = await reissueActivation(c.get("deps").db, actorOf(me(c), clientIp(c)), target, nowOf(c));
    const back = await backTo(c, target);
    if (!link) return c.redirect(`${back}?done=not-pending`, 303);
    return linkPage(c, "已重发激活链接", target, link, back);
  });
  return routes;
}
