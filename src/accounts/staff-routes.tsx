/**
 * Staff accounts, mounted at /admin/users: the administrator lists them, opens new ones (registrar, 党建 reviewer,
 * supervisor unit reviewer, administrator) and manages each. The area guard admits only administrators.
 */
import { Hono } from "hono";
import { z } from "zod";
import { StaffPage } from "../../views/accounts/staff";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me } from "../route-kit";
import { manageAccountRoutes } from "./manage-routes";
import { staffAccounts, staffBindingChoices } from "./queries";
import { NewPerson, noticeOf, openAccount } from "./respond";
import { staffBinding } from "./service";

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
  return openAccount(
    c,
    { username, displayName, ...bound.binding },
    { title: "账号已开设", back: "/admin/users" },
    (errors) => staffPage(c, values, errors, 422),
  );
});

staffAccountRoutes.route(
  "/",
  manageAccountRoutes(async () => "/admin/users"),
);
