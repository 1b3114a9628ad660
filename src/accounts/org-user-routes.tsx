/**
 * An organization's own accounts, mounted at /portal/users: its administrator invites colleagues and manages them.
 * Other organization users get 404 here.
 */
import { Hono } from "hono";
import { OrgUsersPage } from "../../views/accounts/org-users";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { type C, errorsOf, formOf, me } from "../route-kit";
import { manageAccountRoutes } from "./manage-routes";
import { orgAccounts, orgName } from "./queries";
import { NewPerson, noticeOf, openAccount } from "./respond";

export const orgUserRoutes = new Hono<AppEnv>();

type Form = Record<string, string>;

async function orgUsersPage(c: C, values: Form, errors: Form, status: 200 | 422 = 200) {
  const user = me(c);
  const { db } = c.get("deps");
  const [name, rows] = await Promise.all([orgName(db, user.orgId!), orgAccounts(db, user.orgId!)]);
  return renderPage(
    c,
    <OrgUsersPage
      user={user}
      orgName={name}
      rows={rows}
      values={values}
      errors={errors}
      notice={noticeOf(c)}
    />,
    status,
  );
}

orgUserRoutes.get("/", (c) => (me(c).isOrgAdmin ? orgUsersPage(c, {}, {}) : c.notFound()));

orgUserRoutes.post("/", async (c) => {
  const user = me(c);
  if (!user.isOrgAdmin) return c.notFound();
  const values = await formOf(c);
  const parsed = NewPerson.safeParse(values);
  if (!parsed.success) return orgUsersPage(c, values, errorsOf(parsed.error), 422);
  return openAccount(
    c,
    { ...parsed.data, role: "org", orgId: user.orgId!, isOrgAdmin: false },
    { title: "邀请已生成", back: "/portal/users" },
    (errors) => orgUsersPage(c, values, errors, 422),
  );
});

orgUserRoutes.route(
  "/",
  manageAccountRoutes(async () => "/portal/users"),
);
