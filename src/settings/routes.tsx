/** /admin/settings: the locality's domain settings, each changed from a date by an administrator (audited). */
import { Hono } from "hono";
import { SettingPage, SettingsPage } from "../../views/settings/page";
import { type AppEnv, todayOf } from "../context";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, formOf, me } from "../route-kit";
import { changeSetting, settingSummaries } from "./service";

export const settingsRoutes = new Hono<AppEnv>();

const today = (c: C) => todayOf(c.get("deps"));

settingsRoutes.get("/", async (c) => {
  const settings = (await settingSummaries(c.get("deps"), today(c)))!;
  const done = settings.find((s) => s.key === c.req.query("done"));
  return renderPage(c, <SettingsPage user={me(c)} settings={settings} changed={done?.title ?? null} />);
});

settingsRoutes.get("/:key", async (c) => {
  const [setting] = (await settingSummaries(c.get("deps"), today(c), c.req.param("key"))) ?? [];
  if (!setting) return c.notFound();
  const form = { ...setting.values, effectiveFrom: today(c), reason: "" };
  return renderPage(c, <SettingPage user={me(c)} setting={setting} form={form} errors={{}} />);
});

settingsRoutes.post("/:key", async (c) => {
  const key = c.req.param("key");
  const form = await formOf(c);
  const r = await changeSetting(c.get("deps"), me(c), clientIp(c), key, form);
  if (r.ok) return c.redirect(`/admin/settings?done=${encodeURIComponent(key)}`, 303);
  const [setting] = (await settingSummaries(c.get("deps"), today(c), key)) ?? [];
  if (!setting || r.status === 404) return c.notFound();
  return renderPage(c, <SettingPage user={me(c)} setting={setting} form={form} errors={r.errors} />, 400);
});
