/** /party/cadres: the register of leading cadres holding posts (R-F5), kept by registrars, read by 党建 reviewers. */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CadrePostPage, CadreRegisterPage, NewCadrePage } from "../../views/party/cadres";
import type { AppEnv } from "../context";
import { clientIp, refusalStatus } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, idOf, me } from "../route-kit";
import { addCadrePost, cadrePost, cadreRegister, updateCadrePost } from "./cadres";
import type { CadrePostRow } from "./contract";
import { CadreUpdateForm, NewCadreForm } from "./forms";

export const partyCadreRoutes = new Hono<AppEnv>();

partyCadreRoutes.get("/", async (c) => {
  const q = c.req.query();
  const state = q.state === "ended" || q.state === "findings" ? q.state : "current";
  const text = (q.q ?? "").slice(0, 50);
  const v = await cadreRegister(
    c.get("deps"),
    me(c),
    { q: text || undefined, state },
    Math.min(idOf(q.page ?? "1") ?? 1, 10_000),
  );
  const query = new URLSearchParams({
    ...(text ? { q: text } : {}),
    ...(state !== "current" ? { state } : {}),
  }).toString();
  return renderPage(c, <CadreRegisterPage user={me(c)} v={v} query={query} />);
});

partyCadreRoutes.get("/new", (c) => {
  if (me(c).role !== "registrar") return c.notFound();
  return renderPage(c, <NewCadrePage user={me(c)} values={{}} errors={{}} />);
});

partyCadreRoutes.post("/", async (c) => {
  if (me(c).role !== "registrar") return c.notFound();
  const values = await formOf(c);
  const parsed = NewCadreForm.safeParse(values);
  if (!parsed.success)
    return renderPage(c, <NewCadrePage user={me(c)} values={values} errors={errorsOf(parsed.error)} />, 422);
  const r = await addCadrePost(c.get("deps"), me(c), parsed.data, clientIp(c));
  if (!r.ok)
    return renderPage(
      c,
      <NewCadrePage user={me(c)} values={values} errors={r.fields ?? { form: r.message }} />,
      422,
    );
  return c.redirect(`/party/cadres/${r.id}?done=added`, 303);
});

const valuesOf = (r: CadrePostRow): Record<string, string> => ({
  approvalDoc: r.approvalDoc ?? "",
  approvedOn: r.approvedOn ?? "",
  termEnd: r.termEnd ?? "",
  termNumber: String(r.termNumber),
  paid: r.paid ? "1" : "",
  isLegalRepresentative: r.isLegalRepresentative ? "1" : "",
  endedOn: r.endedOn ?? "",
  endReason: r.endReason ?? "",
});

const DONE: Record<string, string> = { added: "已登记。", saved: "已保存，检查结果已按新的记录重新计算。" };

async function postPage(
  c: C,
  id: number | null,
  extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const found = id === null ? null : await cadrePost(c.get("deps"), me(c), id);
  if (!found) return c.notFound();
  return renderPage(
    c,
    <CadrePostPage
      user={me(c)}
      {...found}
      values={extra.values ?? valuesOf(found.post)}
      errors={extra.errors ?? {}}
      message={extra.message}
      notice={DONE[c.req.query("done") ?? ""] ?? null}
    />,
    status,
  );
}

partyCadreRoutes.get("/:id", (c) => postPage(c, idOf(c.req.param("id"))));

partyCadreRoutes.post("/:id", async (c) => {
  const id = idOf(c.req.param("id"));
  const values = await formOf(c);
  const parsed = CadreUpdateForm.safeParse(values);
  if (!parsed.success) return postPage(c, id, { values, errors: errorsOf(parsed.error) }, 422);
  if (id === null) return c.notFound();
  const r = await updateCadrePost(c.get("deps"), me(c), id, parsed.data, clientIp(c));
  if (!r.ok) {
    if (r.code === "not_found") return c.notFound();
    const status = refusalStatus(r);
    return postPage(
      c,
      id,
      { values, errors: r.fields ?? {}, message: r.fields ? undefined : r.message },
      status,
    );
  }
  return c.redirect(`/party/cadres/${id}?done=saved`, 303);
});
