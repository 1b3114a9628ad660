/**
 * Staff accounts, mounted at /admin/users: the administrator lists them, opens new ones (registrar, 党建 reviewer,
 * supervisor unit reviewer, administrator) and manages each. The area guard admits only administrators.
 */
import { Hono } from "hono";
import { z } from "zod";
import { StaffPage } from "../../views/accounts/staff";
import { actorOf } from "../auth/scope";
import type { AppEnv } from "../context";
import { clientIp } from "../http";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me } from "../route-kit";
import { manageAccountRoutes } from "./manage-routes";
import { staffAccounts, staffBindingChoices } from "./queries";
import { linkPage, NewPerson, noticeOf, nowOf } from "./respond";
import { createAccount, staffBinding } from "./service";

export const staffAccountRoutes = new Hono<AppEnv>();

type Form = Record<string, string>;

async function staffPage(c: C, values: Form, errors: Form, status: 200 | 422 = 200) {
  const { db } = c.get("deps");
  const [rows, choices] = await Promise.all([staffAccounts(db), staffBindingChoices(db)]);
  return renderPage(
    c,
    <StaffPage
      user={me(c)}
      rows={rows.map((r) => ({ user: r.user, scope: r.authorityName ?? r.unitName }))}
      authorities={choices.authorities}
      units={choices.units}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
    />,
    status,
  );
}

staffAccountRoutes.get("/", (c) => staffPage(c, {}, {}));

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

staffAccountRoutes.post("/", async (c) => {
  const { db } = c.get("deps");
  const values = await formOf(c);
  const parsed = StaffForm.safeParse(values);
  if (!parsed.success) return staffPage(c, values, errorsOf(parsed.error), 422);
  const bound = await staffBinding(db, parsed.data);
  if ("errors" in bound) return staffPage(c, values, bound.errors, 422);
  const { username, displayName } = parsed.data;
  const r = await createAccount(
    db,
    actorOf(me(c), clientIp(c)),
    { username, displayName, ...bound.binding },
    nowOf(c),
  );
  if (r.kind === "invalid") return staffPage(c, values, r.errors, 422);
  return linkPage(
    c,
    "账号已开设",
    parsed.data,
    { path: r.activationPath, expiresAt: r.expiresAt },
    "/admin/users",
  );
});

staffAccountRoutes.route(
  "/",
  manageAccountRoutes(async () => "/admin/users"),
);
