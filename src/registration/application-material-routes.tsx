import { Hono } from "hono";
import type { AppEnv } from "../context";
import { clientIp } from "../http";
import { attachmentResponse, type C, idOf } from "../route-kit";
import type { PageOf, Resolver } from "./application-page";
import { addApplicationAttachment, getApplicationAttachment } from "./applications";

/**
 * An application's materials (章程, 验资证明, 住所证明 …) under each of its pages: /apply/:token/materials for the
 * applicant, /portal/… and /registrar/applications/:applicationId/materials for the organization and the registrar.
 * The resolver has already decided who may see the application (404 otherwise); only its filer may upload.
 */
/** The posted material's kind and file; null when no file was chosen. */
async function postedMaterial(c: C) {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return null;
  const kind = typeof body.kind === "string" ? body.kind : "";
  return { kind, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}

export function materialRoutes(resolve: Resolver, page: PageOf) {
  const routes = new Hono<AppEnv>();

  routes.post("/", async (c) => {
    const r = await resolve(c);
    if (!r?.canAct) return c.notFound();
    const posted = await postedMaterial(c);
    if (!posted) return page(c, r, { errors: { file: "请选择要上传的文件。" }, status: 400 });
    const deps = c.get("deps");
    const added = await addApplicationAttachment(
      deps,
      r.viewer,
      r.app,
      posted.kind,
      posted.file,
      clientIp(c),
    );
    if (!added.ok && added.code === "forbidden") return c.notFound();
    if (!added.ok) {
      const status = added.code === "invalid" ? 400 : 409;
      return page(c, r, { errors: added.fields ?? { file: added.message }, status });
    }
    return c.redirect(`${r.base}?done=uploaded#materials`, 303);
  });

  routes.get("/:materialId", async (c) => {
    const r = await resolve(c);
    const id = idOf(c.req.param("materialId"));
    if (!r || id === null) return c.notFound();
    const file = await getApplicationAttachment(c.get("deps"), r.app, id);
    return file ? attachmentResponse(c, file, file.filename) : c.notFound();
  });

  return routes;
}
