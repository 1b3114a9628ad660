import type { Context } from "hono";
import { ApplicationPage, LinkRecoveryPanel, ReviewActions } from "../../views/registration/applications";
import type { AppEnv } from "../context";
import { chinaDateOf } from "../domain/working-days";
import { renderPage } from "../render";
import {
  type ApplicationRow,
  accessOf,
  applicationPageData,
  findByLink,
  loadApplication,
  type Viewer,
} from "./applications";
import { formValues } from "./forms";

/**
 * One application's page as its three audiences reach it: who is asking (the applicant's link, or a signed-in user
 * by id) and the page itself, re-rendered with errors by every handler that writes.
 */
type C = Context<AppEnv>;

const nowOf = (c: C) => c.get("deps").now?.() ?? new Date();
const todayOf = (c: C) => chinaDateOf(nowOf(c));

export interface Resolved {
  viewer: Viewer;
  app: ApplicationRow;
  canAct: boolean;
  base: string;
  link: string | null;
}

export type Resolver = (c: C) => Promise<Resolved | null>;

interface PageOptions {
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  status?: number;
  review?: Record<string, string>;
  /** A link the registrar has just issued, shown this once. */
  reissuedLink?: string;
}
/** One application's page, re-rendered with errors (the material routes use it too). */
export type PageOf = (c: C, r: Resolved, opts?: PageOptions) => Promise<Response>;

export const byLink: Resolver = async (c) => {
  const token = c.req.param("token") ?? "";
  const app = await findByLink(c.get("deps").db, token);
  if (!app) return null;
  return {
    viewer: { kind: "applicant", applicationId: app.id },
    app,
    canAct: true,
    base: `/apply/${token}`,
    link: `${c.get("deps").config.publicOrigin}/apply/${token}`,
  };
};

export const byId =
  (prefix: string): Resolver =>
  async (c) => {
    const id = Number(c.req.param("applicationId"));
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const { db } = c.get("deps");
    const app = await loadApplication(db, id);
    if (!app) return null;
    const viewer: Viewer = { kind: "user", user: c.get("user")! };
    const access = await accessOf(db, viewer, app);
    if (!access) return null;
    return { viewer, app, canAct: access.canAct, base: `${prefix}/${id}`, link: null };
  };

const NOTICES: Record<string, string> = {
  saved: "已保存。",
  submitted: "申请已提交，登记管理机关将在法定期限内办理。",
  returned: "已退回补正，申请方可以看到退回原因和期限。",
  approved: "已准予登记。",
  refused: "已作出不予登记的决定。",
  withdrawn: "申请已撤回。",
  started: "申请已创建，请填写并提交。",
  uploaded: "材料已上传。",
};

export async function page(c: C, r: Resolved, opts: PageOptions = {}): Promise<Response> {
  const { db, config } = c.get("deps");
  const today = todayOf(c);
  const data = await applicationPageData(
    db,
    r.viewer,
    r.app,
    r.canAct,
    today,
    config.domain.seriousPersonBlocks,
  );
  const { org } = data;
  const done = c.req.query("done");
  return renderPage(
    c,
    <ApplicationPage
      user={c.get("user")}
      title={data.title}
      app={data.app}
      org={org}
      action={r.base}
      editable={data.editable}
      values={opts.values ?? formValues(r.app.data as never)}
      errors={opts.errors ?? {}}
      problems={data.problems}
      events={data.events}
      units={data.units}
      unitGroups={data.unitGroups}
      dueLeft={data.dueLeft}
      dueUncalendared={data.dueUncalendared}
      foundationAllowed={data.foundationAllowed}
      applicant={data.applicant}
      notice={done ? (NOTICES[done] ?? null) : null}
      link={r.link}
      authorityName={data.authorityName}
      attachments={data.attachments}
      mayAttach={data.mayAttach}
      decisionLimitDays={data.decisionLimitDays}
    >
      {data.isReviewer ? (
        <>
          <LinkRecoveryPanel
            app={data.app}
            action={r.base}
            requests={data.linkRequests}
            reissued={opts.reissuedLink}
          />
          <ReviewActions
            action={r.base}
            app={data.app}
            errors={opts.errors ?? {}}
            values={opts.review ?? {}}
            today={today}
            name={org?.name ?? (r.app.data as { name?: string }).name ?? "该申请"}
          />
          {r.app.state === "approved" && org ? (
            <p class="notice success">
              登记已生效：<a href={`/orgs/${org.uscc}`}>{org.name}</a>（{org.uscc}）。
              {r.app.kind === "establishment" ? (
                <>
                  {" "}
                  请为该组织<a href={`/registrar/orgs/${org.uscc}#new`}>开设单位管理员账号</a>
                  ，并将激活链接交给申请人。
                </>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
    </ApplicationPage>,
    (opts.status ?? 200) as 200,
  );
}
