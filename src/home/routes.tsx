/**
 * The role homes: one sub-app mounted at each area's root (/registrar, /supervisor, /portal, /admin in app.tsx). The
 * area guard has admitted only the role the path names; `loadHome` gathers what that role's home shows.
 */
import { Hono } from "hono";
import { AdminHome } from "../../views/home/admin";
import { PortalHome } from "../../views/home/portal";
import { RegistrarHome } from "../../views/home/registrar";
import { SupervisorHome } from "../../views/home/supervisor";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { me } from "../route-kit";
import type { HomeData } from "./contract";
import { loadHome } from "./service";

/** The home of the area mounted at, for the role it admits (anyone else: 404, though the guard stops them first). */
export function homeRoutes(role: HomeData["role"]) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const home = await loadHome(c.get("deps"), me(c), { page: Number(c.req.query("page")) || 1 });
    if (home.role !== role) return c.notFound();
    switch (home.role) {
      case "registrar":
        return renderPage(c, <RegistrarHome user={me(c)} home={home} />);
      case "supervisor":
        return renderPage(c, <SupervisorHome user={me(c)} home={home} />);
      case "org":
        return renderPage(c, <PortalHome user={me(c)} home={home} />);
      case "admin":
        return renderPage(c, <AdminHome user={me(c)} home={home} />);
    }
  });
}
