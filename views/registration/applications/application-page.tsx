import type { Child } from "hono/jsx";
import type { SessionUser } from "../../../src/context";
import {
  APPLICATION_KIND_LABELS,
  type ApplicationKind,
  type RuleProblem,
} from "../../../src/domain/registration";
import type {
  ApplicationAttachmentView,
  ApplicationEventView,
  ApplicationOrg,
  ApplicationView,
  SupervisorUnitGroup,
} from "../../../src/registration/contract";
import { ErrorSummary, type Errors, Flash } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { Layout } from "../../layout";
import {
  ChangeFields,
  CharterFields,
  DeregistrationFields,
  EstablishmentFields,
  nameChecksOf,
} from "./fields";
import { MaterialsPanel } from "./materials";
import { NextSteps } from "./next-steps";
import { CorrectionPanel, EventsList, ProblemsPanel, ReadOnlyData } from "./panels";
import { APPLICATION_FIELD_LABELS, ApplicationStateTag, DueBadge, type Values } from "./shared";

export interface ApplicationPageProps {
  user?: SessionUser | null;
  title: string;
  app: ApplicationView;
  org: ApplicationOrg | null;
  action: string;
  editable: boolean;
  values: Values;
  errors: Errors;
  problems: RuleProblem[];
  events: ApplicationEventView[];
  units: { id: number; name: string }[];
  /** The 业务主管单位 the form offers, by district (R-A11). */
  unitGroups?: SupervisorUnitGroup[];
  dueLeft: number | null;
  /** Years without a holiday calendar that the decision deadline crosses (counted by weekends only). */
  dueUncalendared?: number[];
  /** Whether the application's registrar may register a 基金会 (provincial level or above). */
  foundationAllowed?: boolean;
  /** Who applied and their phone: shown to the registrar only. */
  applicant?: { name: string; phone: string | null } | null;
  notice?: string | null;
  /** The authority the application is filed with, and its decision limit in working days (R-A6). */
  authorityName?: string;
  decisionLimitDays?: number;
  /** The materials attached, and whether this viewer may add more. */
  attachments?: ApplicationAttachmentView[];
  mayAttach?: boolean;
  /** For applicants: their link, shown so they keep it. */
  link?: string | null;
  /** Extra panels (the registrar's actions). */
  children?: Child;
}

export function ApplicationForm(p: ApplicationPageProps) {
  const kind = p.app.kind as ApplicationKind;
  return (
    // Live checks as the filer works (the name as it is typed, R-A4; every other field on change: htmx posts the unsaved form to /check and swaps the checks panel); saving and
    // submitting are plain form posts, so everything works without JavaScript.
    <form
      method="post"
      action={`${p.action}/save`}
      novalidate
      hx-post={`${p.action}/check`}
      hx-trigger={
        kind === "establishment"
          ? "change delay:300ms, live-search delay:500ms, focusout from:#name"
          : "change delay:300ms"
      }
      hx-target="#checks"
      hx-swap="outerHTML"
    >
      <input type="hidden" name="version" value={String(p.app.version)} />
      {kind === "establishment" ? (
        <EstablishmentFields
          values={p.values}
          errors={p.errors}
          units={p.units}
          foundationAllowed={p.foundationAllowed}
          nameChecks={nameChecksOf(p.problems)}
          unitGroups={p.unitGroups}
        />
      ) : null}
      {kind === "change" && p.org ? (
        <ChangeFields
          values={p.values}
          errors={p.errors}
          org={p.org}
          units={p.units}
          unitGroups={p.unitGroups}
        />
      ) : null}
      {kind === "charter" ? <CharterFields values={p.values} errors={p.errors} /> : null}
      {kind === "deregistration" ? <DeregistrationFields values={p.values} errors={p.errors} /> : null}
      <div class="button-row">
        <button type="submit">保存</button>
        <button type="submit" formaction={`${p.action}/submit`} class="button" name="intent" value="submit">
          保存并提交申请
        </button>
      </div>
    </form>
  );
}

export function ApplicationPage(p: ApplicationPageProps) {
  const kind = p.app.kind as ApplicationKind;
  // After a decision the live checks no longer apply (an approved name is now "taken" by the organization itself).
  const decided = p.app.state === "approved" || p.app.state === "refused" || p.app.state === "withdrawn";
  return (
    <Layout title={p.title} user={p.user}>
      <div id="application">
        <h1>{p.title}</h1>
        <Flash notice={p.notice} />
        {p.link ? (
          <NextSteps
            app={p.app}
            link={p.link}
            authorityName={p.authorityName ?? "登记管理机关"}
            decisionLimitDays={p.decisionLimitDays ?? 60}
          />
        ) : null}
        <dl class="summary">
          <dt>申请事项</dt>
          <dd>{APPLICATION_KIND_LABELS[kind]}</dd>
          {p.applicant ? (
            <>
              <dt>申请人</dt>
              <dd>
                {p.applicant.name}
                {p.applicant.phone ? `，联系电话 ${p.applicant.phone}` : "（未留联系电话）"}
              </dd>
            </>
          ) : null}
          {p.org ? (
            <>
              <dt>社会组织</dt>
              <dd>
                {p.org.name}（{p.org.uscc}）
              </dd>
            </>
          ) : null}
          <dt>状态</dt>
          <dd>
            <ApplicationStateTag state={p.app.state} />
            {p.app.round > 0 ? ` 第 ${p.app.round} 次提交` : ""}
          </dd>
          <dt>{decided ? "办结日期" : "法定办理期限"}</dt>
          <dd>
            {decided ? (
              (p.app.decidedOn ?? p.app.updatedAt.slice(0, 10))
            ) : (
              <>
                <DueBadge dueOn={p.app.dueOn} left={p.dueLeft} />
                <MissingCalendar years={p.dueUncalendared} />
              </>
            )}
          </dd>
          {p.app.decisionReason ? (
            <>
              <dt>决定理由</dt>
              <dd>{p.app.decisionReason}</dd>
            </>
          ) : null}
          {p.app.documentNo ? (
            <>
              <dt>决定文号</dt>
              <dd>{p.app.documentNo}</dd>
            </>
          ) : null}
        </dl>
        <CorrectionPanel app={p.app} />
        <ErrorSummary errors={p.errors} labels={APPLICATION_FIELD_LABELS} />
        {decided ? null : <ProblemsPanel problems={p.problems} />}
        {p.editable ? <ApplicationForm {...p} /> : <ReadOnlyData app={p.app} org={p.org} units={p.units} />}
        <MaterialsPanel
          base={p.action}
          attachments={p.attachments ?? []}
          mayAttach={p.mayAttach ?? false}
          errors={p.errors}
        />
        {p.children}
        <EventsList events={p.events} />
      </div>
    </Layout>
  );
}
