/**
 * The role homes, each at its literal path: /registrar, /supervisor, /portal, /admin. The area guard has admitted
 * only the role the path names; `loadHome` gathers what that role's home shows.
 */
import { Hono } from "hono";
import { AdminHome } from "../../views/home/admin";
import { PortalHome } from "../../views/home/portal";
import { RegistrarHome } from "../../views/home/registrar";
import { SupervisorHome } from "../../views/home/supervisor";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { me } from "../route-kit";
import { loadHome } from "./service";

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/registrar", async (c) => {
  const home = await loadHome(c.get("deps"), me(c));
  if (home.role !== "registrar") return c.notFound();
  return renderPage(c, <RegistrarHome user={me(c)} home={home} />);
});

homeRoutes.get("/supervisor", async (c) => {
  const home = await loadHome(c.get("deps"), me(c), { page: Number(c.req.query("page")) || 1 });
  if (home.role !== "supervisor") return c.notFound();
  return renderPage(c, <SupervisorHome user={me(c)} home={home} />);
});

homeRoutes.get("/portal", async (c) => {
  const home = await loadHome(c.get("deps"), me(c));
  if (home.role !== "org") return c.notFound();
  return renderPage(c, <PortalHome user={me(c)} home={home} />);
});

homeRoutes.get("/admin", async (c) => {
  const home = await loadHome(c.get("deps"), me(c));
  if (home.role !== "admin") return c.notFound();
  return renderPage(c, <AdminHome user={me(c)} home={home} />);
});
