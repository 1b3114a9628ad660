import type { Child } from "hono/jsx";
import type { organizations, registrationApplications, registrationEvents } from "../../db/schema";
import type { SessionUser } from "../../src/context";
import { formatFen } from "../../src/domain/money";
import {
  APPLICATION_KIND_LABELS,
  type ApplicationKind,
  FOUNDATION_LEVEL_MESSAGE,
  type RuleProblem,
} from "../../src/domain/registration";
import { type ApplicationState, applicationStateLabel } from "../../src/domain/registration-workflow";
import { CHANGE_ITEM_LABELS, CHANGE_ITEMS, DIRECT_CATEGORY_LABELS } from "../../src/registration/forms";
import { TYPE_LABELS } from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, formatDateTime, SelectField, TextField } from "../components/form";
import { MissingCalendar } from "../components/missing-calendar";
import { Layout } from "../layout";

type App = typeof registrationApplications.$inferSelect;
type Org = typeof organizations.$inferSelect;
type Event = typeof registrationEvents.$inferSelect;
type Values = Record<string, string | string[]>;

const STATE_TAG: Record<ApplicationState, string> = {
  draft: "neutral",
  submitted: "warn",
  returned: "stop",
  approved: "ok",
  refused: "stop",
  withdrawn: "neutral",
};

export function StateTag({ state }: { state: ApplicationState }) {
  return <span class={`tag ${STATE_TAG[state]}`}>{applicationStateLabel(state)}</span>;
}

/** "还剩 12 个工作日" / "今天到期" / "逾期 3 个工作日" for the statutory decision limit (R-A6); never "还剩 0". */
export function DueBadge({ dueOn, left }: { dueOn: string | null; left: number | null }) {
  if (!dueOn || left === null) return <span class="muted">—</span>;
  if (left === 0) return <span class="tag warn">{cnDate(dueOn)}（今天到期）</span>;
  return left > 0 ? (
    <span class={left <= 5 ? "tag warn" : "tag neutral"}>
      {cnDate(dueOn)} 前（还剩 {left} 个工作日）
    </span>
  ) : (
    <span class="tag stop">
      {cnDate(dueOn)}，逾期 {-left} 个工作日
    </span>
  );
}

const v = (values: Values, k: string) => {
  const x = values[k];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};

function Area(p: {
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  rows?: number;
  hint?: string;
}) {
  return (
    <div class={`field ${p.errors[p.name] ? "field-error" : ""}`}>
      <label for={p.name}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.errors[p.name] ? (
        <p class="error-message" id={`${p.name}-error`}>
          {p.errors[p.name]}
        </p>
      ) : null}
      <textarea
        id={p.name}
        name={p.name}
        rows={p.rows ?? 4}
        aria-describedby={p.errors[p.name] ? `${p.name}-error` : p.hint ? `${p.name}-hint` : undefined}
        aria-invalid={p.errors[p.name] ? "true" : undefined}
      >
        {v(p.values, p.name)}
      </textarea>
    </div>
  );
}

function Check(p: { name: string; label: string; values: Values; errors: Errors; value?: string }) {
  const list = p.values[p.name];
  const checked = Array.isArray(list)
    ? list.includes(p.value ?? "1")
    : v(p.values, p.name) === (p.value ?? "1");
  return (
    <div class={`field checkbox ${p.errors[p.name] ? "field-error" : ""}`}>
      <input
        type="checkbox"
        id={`${p.name}-${p.value ?? "1"}`}
        name={p.name}
        value={p.value ?? "1"}
        checked={checked}
      />
      <label for={`${p.name}-${p.value ?? "1"}`}>{p.label}</label>
    </div>
  );
}

const FIELD_LABELS: Record<string, string> = {
  name: "名称",
  type: "类型",
  foundationKind: "基金会类型",
  address: "住所",
  purpose: "宗旨",
  businessScope: "业务范围",
  activityArea: "活动地域",
  legalRepresentative: "法定代表人",
  capital: "注册资金",
  individualMembers: "个人会员数",
  unitMembers: "单位会员数",
  boardSize: "理事人数",
  boardTermYears: "理事任期",
  supervisionMode: "管理方式",
  directCategory: "直接登记的类别",
  partyBuildingAuthority: "党建领导机关",
  supervisorUnitId: "业务主管单位",
  partyCommitment: "支持党建工作承诺书",
  partyFullMembers: "正式党员人数",
  partyProbationaryMembers: "预备党员人数",
  partyActivists: "入党积极分子人数",
  partySecretaryCandidate: "党组织书记人选",
  charter: "章程",
  phone: "联系电话",
  email: "电子邮箱",
  items: "变更事项",
  supervisorApprovedOn: "业务主管单位同意日期",
  auditReportNo: "审计报告文号",
  explanation: "说明",
  changedClauses: "修改的条款",
  liquidationEndedOn: "清算结束日期",
  liquidationReport: "清算报告",
  reason: "原因",
  deadline: "补正期限",
  documentNo: "决定文号",
};

export function EstablishmentFields(p: {
  values: Values;
  errors: Errors;
  units: { id: number; name: string }[];
  /** 基金会 are registered at provincial level or above: a city or district registrar's form does not offer them. */
  foundationAllowed?: boolean;
}) {
  const { values, errors } = p;
  return (
    <>
      <fieldset>
        <legend>基本情况</legend>
        <TextField
          name="name"
          label="拟成立组织的名称"
          errors={errors}
          value={v(values, "name")}
          maxlength={50}
          hint="由行政区划、字号或业务领域、组织形式组成，例如 示范市围棋协会。"
        />
        <SelectField
          name="type"
          label="类型"
          errors={errors}
          value={v(values, "type")}
          placeholder="请选择"
          options={Object.entries(TYPE_LABELS)
            .filter(
              ([value]) =>
                p.foundationAllowed !== false || value !== "foundation" || v(values, "type") === value,
            )
            .map(([value, label]) => ({ value, label }))}
        />
        {p.foundationAllowed === false ? <p class="hint">{FOUNDATION_LEVEL_MESSAGE}</p> : null}
        <SelectField
          name="foundationKind"
          label="基金会类型（基金会填写）"
          errors={errors}
          value={v(values, "foundationKind")}
          placeholder="—"
          options={[
            { value: "public", label: "公募基金会" },
            { value: "non_public", label: "非公募基金会" },
          ]}
        />
        <TextField name="address" label="住所" errors={errors} value={v(values, "address")} maxlength={100} />
        <TextField
          name="activityArea"
          label="活动地域"
          errors={errors}
          value={v(values, "activityArea")}
          maxlength={50}
        />
        <TextField
          name="legalRepresentative"
          label="法定代表人（拟任）"
          errors={errors}
          value={v(values, "legalRepresentative")}
          maxlength={20}
        />
        <TextField
          name="capital"
          label="注册资金 / 开办资金 / 原始基金（元）"
          errors={errors}
          value={v(values, "capital")}
          hint="以元为单位，可写两位小数，例如 30000 或 30,000.00。"
        />
        <TextField
          name="phone"
          label="联系电话（公开）"
          type="tel"
          errors={errors}
          value={v(values, "phone")}
        />
        <TextField
          name="email"
          label="电子邮箱（公开）"
          type="email"
          errors={errors}
          value={v(values, "email")}
        />
        <Check
          name="isCharity"
          label="申请同时认定为慈善组织（决定期限 30 日）"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>会员与理事会</legend>
        <TextField
          name="individualMembers"
          label="个人会员数（社会团体）"
          errors={errors}
          value={v(values, "individualMembers")}
        />
        <TextField
          name="unitMembers"
          label="单位会员数（社会团体）"
          errors={errors}
          value={v(values, "unitMembers")}
        />
        <TextField
          name="boardSize"
          label="理事人数（基金会）"
          errors={errors}
          value={v(values, "boardSize")}
        />
        <TextField
          name="boardTermYears"
          label="理事每届任期（年，基金会）"
          errors={errors}
          value={v(values, "boardTermYears")}
        />
      </fieldset>
      <fieldset>
        <legend>宗旨、业务范围与管理方式</legend>
        <Area name="purpose" label="宗旨" values={values} errors={errors} rows={3} />
        <Area name="businessScope" label="业务范围" values={values} errors={errors} rows={3} />
        <SelectField
          name="supervisionMode"
          label="管理方式"
          errors={errors}
          value={v(values, "supervisionMode")}
          placeholder="请选择"
          options={[
            { value: "supervised", label: "有业务主管单位" },
            { value: "direct", label: "直接登记（行业协会商会、科技类、公益慈善类、城乡社区服务类）" },
          ]}
        />
        <SelectField
          name="supervisorUnitId"
          label="业务主管单位"
          errors={errors}
          value={v(values, "supervisorUnitId")}
          placeholder="—"
          options={p.units.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <SelectField
          name="directCategory"
          label="直接登记的类别（直接登记的填写）"
          errors={errors}
          value={v(values, "directCategory")}
          placeholder="—"
          options={Object.entries(DIRECT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          name="partyBuildingAuthority"
          label="党建领导机关（直接登记的填写）"
          errors={errors}
          value={v(values, "partyBuildingAuthority")}
        />
      </fieldset>
      <fieldset>
        <legend>章程与承诺</legend>
        <Area
          name="charter"
          label="章程草案"
          values={values}
          errors={errors}
          rows={10}
          hint="章程全文：宗旨、业务范围、会员、组织机构、负责人产生程序、资产管理、终止程序等。"
        />
        <Check
          name="partyCommitment"
          label="已随申请提交《支持党建工作承诺书》"
          values={values}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>党员情况调查表</legend>
        <p class="hint">发起人、拟任负责人和专职工作人员中的党员情况。只填人数，不填名单；没有的填 0。</p>
        <TextField
          name="partyFullMembers"
          label="正式党员人数"
          errors={errors}
          value={v(values, "partyFullMembers")}
        />
        <TextField
          name="partyProbationaryMembers"
          label="预备党员人数"
          errors={errors}
          value={v(values, "partyProbationaryMembers")}
        />
        <TextField
          name="partyActivists"
          label="入党积极分子人数"
          errors={errors}
          value={v(values, "partyActivists")}
        />
        <TextField
          name="partySecretaryCandidate"
          label="党组织书记人选（正式党员 3 名以上的填写）"
          errors={errors}
          value={v(values, "partySecretaryCandidate")}
        />
      </fieldset>
    </>
  );
}

function currentValue(org: Org, item: string, unitName: string | null): string {
  switch (item) {
    case "capital":
      return `${formatFen(org.capitalFen)} 元`;
    case "supervisor":
      return unitName ?? org.supervisor ?? "无（直接登记或脱钩）";
    default:
      return String((org as Record<string, unknown>)[item] ?? "") || "—";
  }
}

export function ChangeFields(p: {
  values: Values;
  errors: Errors;
  org: Org;
  units: { id: number; name: string }[];
}) {
  const { values, errors, org } = p;
  const unitName = p.units.find((u) => u.id === org.supervisorUnitId)?.name ?? null;
  return (
    <>
      <fieldset>
        <legend>变更事项（勾选要变更的事项，填写变更后的内容）</legend>
        {errors.items ? (
          <p class="error-message" id="items">
            {errors.items}
          </p>
        ) : null}
        <table class="change-table">
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">现登记内容</th>
              <th scope="col">变更后</th>
            </tr>
          </thead>
          <tbody>
            {CHANGE_ITEMS.map((item) => {
              const field = item === "supervisor" ? "supervisorUnitId" : item;
              return (
                <tr>
                  <td>
                    <Check
                      name="items"
                      value={item}
                      label={CHANGE_ITEM_LABELS[item]}
                      values={values}
                      errors={{}}
                    />
                  </td>
                  <td>{currentValue(org, item, unitName)}</td>
                  <td class={errors[field] ? "field-error" : ""}>
                    {errors[field] ? (
                      <p class="error-message" id={`${field}-error`}>
                        {errors[field]}
                      </p>
                    ) : null}
                    {item === "supervisor" ? (
                      <select id={field} name={field} aria-label={`变更后的${CHANGE_ITEM_LABELS[item]}`}>
                        <option value="">—</option>
                        {p.units.map((u) => (
                          <option value={String(u.id)} selected={v(values, field) === String(u.id)}>
                            {u.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        type="text"
                        id={field}
                        name={field}
                        value={v(values, field)}
                        aria-label={`变更后的${CHANGE_ITEM_LABELS[item]}`}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>依据</legend>
        <TextField
          name="supervisorApprovedOn"
          label="业务主管单位同意日期"
          type="date"
          errors={errors}
          value={v(values, "supervisorApprovedOn")}
          hint="应在业务主管单位同意之日起 30 日内申请。直接登记的组织可不填。"
        />
        <TextField
          name="auditReportNo"
          label="财务审计报告文号（变更法定代表人时必填）"
          errors={errors}
          value={v(values, "auditReportNo")}
        />
        <Area name="explanation" label="说明" values={values} errors={errors} rows={3} />
      </fieldset>
    </>
  );
}

export function CharterFields(p: { values: Values; errors: Errors }) {
  return (
    <fieldset>
      <legend>章程核准</legend>
      <Area
        name="changedClauses"
        label="修改的条款（修改前 → 修改后）"
        values={p.values}
        errors={p.errors}
        rows={6}
      />
      <Area name="charter" label="修改后的章程全文" values={p.values} errors={p.errors} rows={12} />
      <TextField
        name="supervisorApprovedOn"
        label="业务主管单位同意日期"
        type="date"
        errors={p.errors}
        value={v(p.values, "supervisorApprovedOn")}
        hint="应在同意之日起 30 日内申请。"
      />
    </fieldset>
  );
}

export function DeregistrationFields(p: { values: Values; errors: Errors }) {
  return (
    <fieldset>
      <legend>注销登记</legend>
      <Area name="reason" label="注销原因" values={p.values} errors={p.errors} rows={3} />
      <TextField
        name="liquidationEndedOn"
        label="清算结束日期"
        type="date"
        errors={p.errors}
        value={v(p.values, "liquidationEndedOn")}
        hint="应在清算结束之日起 15 日内申请注销登记。"
      />
      <Area name="liquidationReport" label="清算报告" values={p.values} errors={p.errors} rows={8} />
    </fieldset>
  );
}

/**
 * Machine checks beside the form: blocks stop submission, warnings travel with the application. Filers read this
 * panel, so it speaks in sentences, without the rule ids the checks carry.
 */
export function ProblemsPanel({ problems }: { problems: RuleProblem[] }) {
  const blocks = problems.filter((x) => x.level === "block");
  const warnings = problems.filter((x) => x.level === "warning");
  return (
    <section id="checks" class="panel" aria-labelledby="checks-heading" aria-live="polite">
      <h2 id="checks-heading">自动检查</h2>
      {problems.length === 0 ? (
        <p class="notice success">未发现问题，可以提交。</p>
      ) : (
        <>
          {blocks.length > 0 ? <p>以下 {blocks.length} 项必须修改后才能提交：</p> : null}
          <ul class="checks">
            {blocks.map((x) => (
              <li class="check-block">
                <span class="tag stop">必须修改</span>{" "}
                <a href={`#${x.field}`}>{FIELD_LABELS[x.field] ?? "其他"}</a>：{x.message}
              </li>
            ))}
            {warnings.map((x) => (
              <li class="check-warning">
                <span class="tag warn">请注意</span>{" "}
                <a href={`#${x.field}`}>{FIELD_LABELS[x.field] ?? "其他"}</a>：{x.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function CorrectionPanel({ app }: { app: App }) {
  if (app.state !== "returned" || !app.correctionReason) return null;
  return (
    <section class="notice warning" aria-labelledby="correction-heading">
      <h2 id="correction-heading">登记管理机关退回补正</h2>
      <p>{app.correctionReason}</p>
      {app.correctionComments?.length ? (
        <ul>
          {app.correctionComments.map((c) => (
            <li>
              <a href={`#${c.section}`}>{FIELD_LABELS[c.section] ?? "其他"}</a>：{c.text}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        请于 <strong>{app.correctionDeadline}</strong> 前修改后重新提交。
      </p>
    </section>
  );
}

export function EventsList({ events }: { events: Event[] }) {
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">办理记录</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <strong>{formatDateTime(e.at)}</strong> {e.actorLabel}：
            {applicationStateLabel(e.fromState as ApplicationState)} →{" "}
            {applicationStateLabel(e.toState as ApplicationState)}
            {e.reason ? `（${e.reason}）` : ""}
            {e.deadline ? `，补正期限 ${e.deadline}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface ApplicationPageProps {
  user?: SessionUser | null;
  title: string;
  app: App;
  org: Org | null;
  action: string;
  editable: boolean;
  values: Values;
  errors: Errors;
  problems: RuleProblem[];
  events: Event[];
  units: { id: number; name: string }[];
  dueLeft: number | null;
  /** Years without a holiday calendar that the decision deadline crosses (counted by weekends only). */
  dueUncalendared?: number[];
  /** Whether the application's registrar may register a 基金会 (provincial level or above). */
  foundationAllowed?: boolean;
  notice?: string | null;
  /** For applicants: their link, shown so they keep it. */
  link?: string | null;
  /** Extra panels (the registrar's actions). */
  children?: Child;
}

export function ApplicationForm(p: ApplicationPageProps) {
  const kind = p.app.kind as ApplicationKind;
  return (
    // Live checks as the filer works (htmx posts the unsaved form to /check and swaps the checks panel); saving and
    // submitting are plain form posts, so everything works without JavaScript.
    <form
      method="post"
      action={`${p.action}/save`}
      novalidate
      hx-post={`${p.action}/check`}
      hx-trigger="change delay:300ms"
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
        />
      ) : null}
      {kind === "change" && p.org ? (
        <ChangeFields values={p.values} errors={p.errors} org={p.org} units={p.units} />
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
        {p.notice ? (
          <p class="notice success" role="status">
            {p.notice}
          </p>
        ) : null}
        {p.link ? (
          <div class="panel">
            <p>
              <strong>请保存本页地址</strong>
              ：这是您查看和修改本申请的唯一入口，不需要账号。请勿转给他人。
            </p>
            <code class="activation-link">{p.link}</code>
          </div>
        ) : null}
        <dl class="summary">
          <dt>申请事项</dt>
          <dd>{APPLICATION_KIND_LABELS[kind]}</dd>
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
            <StateTag state={p.app.state} />
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
        <ErrorSummary errors={p.errors} labels={FIELD_LABELS} />
        {decided ? null : <ProblemsPanel problems={p.problems} />}
        {p.editable ? <ApplicationForm {...p} /> : <ReadOnlyData app={p.app} org={p.org} units={p.units} />}
        {p.children}
        <EventsList events={p.events} />
      </div>
    </Layout>
  );
}

export function ReadOnlyData({
  app,
  org,
  units,
}: {
  app: App;
  org: Org | null;
  units: { id: number; name: string }[];
}) {
  const d = app.data as Record<string, unknown>;
  // Values in words: amounts in 元, codes by name, dates as 2026年3月31日; never a stored code or raw JSON.
  const words = (k: string, val: unknown): string => {
    if (val === undefined || val === null || val === "") return "—";
    if (typeof val === "boolean") return val ? "是" : "否";
    if (k === "capitalFen") return Number.isSafeInteger(val) ? `${formatFen(val as number)} 元` : "—";
    if (k === "type") return TYPE_LABELS[val as keyof typeof TYPE_LABELS] ?? "—";
    if (k === "supervisorUnitId") return units.find((u) => u.id === val)?.name ?? "—";
    if (k === "supervisionMode") return val === "direct" ? "直接登记" : "有业务主管单位";
    if (k === "directCategory")
      return DIRECT_CATEGORY_LABELS[val as keyof typeof DIRECT_CATEGORY_LABELS] ?? "—";
    if (k === "foundationKind") return val === "public" ? "公募基金会" : "非公募基金会";
    if (typeof val === "string" && /^\d{4}-\d{2}-\d{2}$/.test(val)) return cnDate(val);
    if (Array.isArray(val)) return val.map((x) => words("", x)).join("、") || "—";
    if (typeof val === "object") return "（见申请材料）";
    return String(val);
  };
  const show = (k: string, val: unknown) => {
    if (val === undefined || val === null || val === "" || k === "items") return null;
    const text = words(k, val);
    const label = FIELD_LABELS[k === "capitalFen" ? "capital" : k] ?? "其他";
    return (
      <>
        <dt>{label}</dt>
        <dd class="pre-wrap">
          {app.kind === "change" && org && k in org ? (
            <>
              <span class="muted">{words(k, (org as Record<string, unknown>)[k])}</span> → {text}
            </>
          ) : (
            text
          )}
        </dd>
      </>
    );
  };
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">申请内容</h2>
      <dl class="summary">{Object.entries(d).map(([k, val]) => show(k, val))}</dl>
    </section>
  );
}

export function ApplyStartPage(p: {
  user?: SessionUser | null;
  authorities: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Errors;
}) {
  return (
    <Layout title="申请成立社会组织" user={p.user}>
      <h1>申请成立社会组织（成立登记）</h1>
      <p class="lead">
        网上申请不需要账号。提交后，登记管理机关在材料齐全之日起 60 个工作日内作出决定（慈善组织 30 日）。
      </p>
      <ul>
        <li>社会团体：50 个以上个人会员或 30 个以上单位会员；活动资金不少于 3 万元（全国性 10 万元）。</li>
        <li>
          基金会：原始基金不少于 200 万元（非公募）、400
          万元（地方公募）；由省级以上民政部门登记，请选择省级登记管理机关。
        </li>
        <li>需提交章程草案和《支持党建工作承诺书》。填写时系统会随时检查。</li>
      </ul>
      <ErrorSummary
        errors={p.errors}
        labels={{ authorityId: "登记管理机关", applicantName: "申请人", applicantPhone: "联系电话" }}
      />
      <form method="post" action="/apply" class="narrow-form" novalidate>
        <SelectField
          name="authorityId"
          label="向哪个登记管理机关申请"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="请选择"
          options={p.authorities.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <TextField
          name="applicantName"
          label="申请人（发起人或经办人姓名）"
          errors={p.errors}
          value={p.values.applicantName}
          maxlength={40}
        />
        <TextField
          name="applicantPhone"
          label="联系电话（不公开）"
          type="tel"
          errors={p.errors}
          value={p.values.applicantPhone}
          hint="仅供登记管理机关联系您，不会公开。"
        />
        <button type="submit">开始填写申请</button>
      </form>
    </Layout>
  );
}

export function RegistrarQueuePage(p: {
  user: SessionUser;
  rows: {
    app: App;
    orgName: string | null;
    orgUscc: string | null;
    authorityName: string;
    dueLeft: number | null;
    dueUncalendared?: number[];
  }[];
  state: string;
}) {
  const FILTERS: [string, string][] = [
    ["open", "待办"],
    ["submitted", "待审查"],
    ["returned", "退回补正中"],
    ["approved", "准予登记"],
    ["refused", "不予登记"],
    ["all", "全部"],
  ];
  return (
    <Layout title="登记申请" user={p.user}>
      <h1>登记申请</h1>
      <nav class="sub-nav" aria-label="筛选">
        {FILTERS.map(([value, label]) => (
          <a
            href={`/registrar/applications?state=${value}`}
            aria-current={value === p.state ? "page" : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <form method="post" action="/registrar/applications" class="filters">
        <SelectField
          name="kind"
          label="录入窗口纸质申请"
          errors={{}}
          options={Object.entries(APPLICATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="uscc" label="统一社会信用代码（成立登记不填）" errors={{}} maxlength={18} />
        <TextField name="applicantName" label="申请人（成立登记填写）" errors={{}} maxlength={40} />
        <button type="submit">录入</button>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty-state">没有符合条件的申请。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">组织 / 拟成立组织</th>
              <th scope="col">登记管理机关</th>
              <th scope="col">状态</th>
              <th scope="col">办理期限（工作日）</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/registrar/applications/${r.app.id}`}>
                    {APPLICATION_KIND_LABELS[r.app.kind as ApplicationKind]}
                  </a>
                  {r.app.channel === "paper" ? <span class="muted small">（窗口）</span> : null}
                </td>
                <td>
                  {r.orgName ?? ((r.app.data as { name?: string }).name || `申请人：${r.app.applicantName}`)}
                </td>
                <td>{r.authorityName}</td>
                <td>
                  <StateTag state={r.app.state} />
                </td>
                <td>
                  <DueBadge dueOn={r.app.dueOn} left={r.dueLeft} />
                  <MissingCalendar years={r.dueUncalendared} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** The registrar's decisions on a submitted application. */
export function ReviewActions(p: {
  action: string;
  app: App;
  errors: Errors;
  values: Record<string, string>;
  today: string;
}) {
  if (p.app.state !== "submitted") return null;
  return (
    <section class="review-actions" aria-labelledby="review-heading">
      <h2 id="review-heading">审查决定</h2>
      <div class="action-grid">
        <form method="post" action={`${p.action}/return`} class="panel" novalidate>
          <h3>退回补正</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <Area name="reason" label="需要补正的内容" values={p.values} errors={p.errors} rows={3} />
          <TextField
            name="deadline"
            label="补正期限（不填默认 5 个工作日）"
            type="date"
            errors={p.errors}
            value={p.values.deadline}
          />
          <button type="submit" class="button secondary">
            退回补正
          </button>
        </form>
        <form method="post" action={`${p.action}/approve`} class="panel" novalidate>
          <h3>准予登记</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <TextField
            name="documentNo"
            label="决定文号"
            errors={p.errors}
            value={p.values.documentNo}
            maxlength={60}
            hint="例如 示民社准〔2026〕12号。"
          />
          <button type="submit">准予登记</button>
        </form>
        <form method="post" action={`${p.action}/refuse`} class="panel" novalidate>
          <h3>不予登记</h3>
          <input type="hidden" name="version" value={String(p.app.version)} />
          <Area
            name="refuseReason"
            label="不予登记的理由（告知申请人）"
            values={p.values}
            errors={p.errors}
            rows={3}
          />
          <button type="submit" class="button danger">
            不予登记
          </button>
        </form>
      </div>
    </section>
  );
}

export function OrgApplicationsPage(p: { user: SessionUser; org: Org; rows: App[]; canApply: boolean }) {
  return (
    <Layout title="登记事项" user={p.user}>
      <h1>登记事项</h1>
      <p class="lead">{p.org.name}</p>
      {p.canApply ? (
        <form method="post" action="/portal/applications" class="filters">
          <SelectField
            name="kind"
            label="申请"
            errors={{}}
            options={[
              { value: "change", label: "变更登记（名称、住所、法定代表人等）" },
              { value: "charter", label: "章程核准" },
              { value: "deregistration", label: "注销登记" },
            ]}
          />
          <button type="submit">开始申请</button>
        </form>
      ) : (
        <p class="notice warning">本组织已终止登记，账号只能查看。</p>
      )}
      {p.rows.length === 0 ? (
        <p class="empty-state">还没有登记申请。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">状态</th>
              <th scope="col">提交日期</th>
              <th scope="col">办理期限</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((a) => (
              <tr>
                <td>
                  <a href={`/portal/applications/${a.id}`}>
                    {APPLICATION_KIND_LABELS[a.kind as ApplicationKind]}
                  </a>
                </td>
                <td>
                  <StateTag state={a.state} />
                </td>
                <td>{a.submittedOn ?? "—"}</td>
                <td>{a.dueOn ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
