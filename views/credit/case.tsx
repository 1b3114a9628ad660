import type { SessionUser } from "../../src/context";
import type { CaseView } from "../../src/credit/contract";
import { type CasePerson, PERSON_ROLE_LABELS } from "../../src/credit/contract";
import {
  CREDIT_GROUNDS,
  CREDIT_LIST_LABELS,
  CREDIT_STATE_LABELS,
  PUBLICATION_PERIOD_LABELS,
  REMOVAL_REASON_LABELS,
  SERVICE_METHOD_LABELS,
} from "../../src/domain/credit";
import { cnDatesIn } from "../../src/domain/dates";
import { cnDate } from "../components/dates";
import {
  ErrorSummary,
  type Errors,
  FieldError,
  formatDateTime,
  TextAreaField,
  TextField,
} from "../components/form";
import { choicesOf, SelectField } from "../components/select";
import { EmptyState } from "../components/table";
import { Layout } from "../layout";

const ACTION_LABELS: Record<string, string> = {
  create: "列为候选",
  serve_notice: "送达事先告知",
  object: "提出异议",
  decide_list: "决定列入",
  decide_drop: "决定不予列入",
  list_directly: "直接列入",
  remove: "移出名录",
};
const ROLE_WORDS: Record<string, string> = {
  registrar: "登记管理机关",
  org: "社会组织",
  system: "系统（自动）",
  cli: "命令行",
};
const LABELS = {
  reasons: "理由",
  documentNo: "文号",
  objection: "异议内容",
  method: "送达方式",
  removalReason: "移出事由",
};

function Row({ label, children }: { label: string; children: unknown }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{(children as string) || "—"}</dd>
    </>
  );
}

/** The case's facts; `staff` adds what only registrars read (the rule cited, the shared-platform publication period). */
function Facts({ c, staff }: { c: CaseView; staff: boolean }) {
  return (
    <dl class="summary">
      <Row label="社会组织">{`${c.orgName}（${c.uscc}）`}</Row>
      <Row label="名录">{CREDIT_LIST_LABELS[c.list]}</Row>
      <Row label="列入事由">
        {staff
          ? `${CREDIT_GROUNDS[c.ground].label}（${CREDIT_GROUNDS[c.ground].rule}）`
          : CREDIT_GROUNDS[c.ground].label}
      </Row>
      <Row label="状态">{CREDIT_STATE_LABELS[c.state]}</Row>
      <Row label="事实">{cnDatesIn(c.facts)}</Row>
      <Row label="证据">{c.evidence}</Row>
      <Row label="发生日期">{cnDate(c.arisenOn)}</Row>
      <Row label="事先告知">
        {c.noticeServedOn
          ? `${cnDate(c.noticeServedOn)}，${c.noticeMethod ? SERVICE_METHOD_LABELS[c.noticeMethod] : ""}；异议期限至 ${cnDate(c.objectionDeadline)}`
          : "尚未送达"}
      </Row>
      <Row label="异议">{c.objectionText}</Row>
      <Row label="决定">{c.decisionOn ? `${cnDate(c.decisionOn)}：${c.decisionReasons ?? ""}` : ""}</Row>
      <Row label="文号">{c.documentNo}</Row>
      <Row label="列入日期">{cnDate(c.listedOn)}</Row>
      <Row label="移出">
        {c.removedOn
          ? `${cnDate(c.removedOn)}，${c.removalReason ? REMOVAL_REASON_LABELS[c.removalReason] : ""}${c.removalDocumentNo ? `（${c.removalDocumentNo}）` : ""}`
          : ""}
      </Row>
      <Row label="作出决定机关">{c.authorityName}</Row>
      {staff ? (
        <Row label="共享平台公示期（R-D9）">{PUBLICATION_PERIOD_LABELS[c.publicationPeriod]}</Row>
      ) : null}
    </dl>
  );
}

function History({ c }: { c: CaseView }) {
  return (
    <>
      <h2>办理记录</h2>
      <ol class="timeline">
        {c.events.map((e) => (
          <li>
            <span class="nowrap">{formatDateTime(e.at)}</span> {ACTION_LABELS[e.action] ?? "办理"}（
            {ROLE_WORDS[e.actorRole] ?? "工作人员"}
            {e.actorName && e.actorRole !== "system" ? `：${e.actorName}` : ""}）→{" "}
            {CREDIT_STATE_LABELS[e.toState as keyof typeof CREDIT_STATE_LABELS] ?? ""}
            {typeof e.details?.reasons === "string" && e.details.reasons
              ? `。理由：${e.details.reasons}`
              : ""}
          </li>
        ))}
      </ol>
    </>
  );
}

/** How a 事先告知书 is served (R-D7). */
const SERVICE_METHODS = [
  { value: "portal", label: "系统内送达（组织在系统中查看）" },
  { value: "mail", label: "邮寄送达（打印事先告知书）" },
  { value: "publication", label: "公告送达（无法联系时）" },
];

/** Why an entry leaves a list. */
const REMOVAL_REASONS = [
  { value: "cured", label: "已整改（依申请移出）" },
  { value: "deregistered", label: "已办理注销登记" },
  { value: "corrected", label: "列入有误，予以更正" },
];

function Actions({ c, errors }: { c: CaseView; errors: Errors }) {
  const base = `/registrar/credit/${c.id}/act`;
  const hidden = <input type="hidden" name="version" value={String(c.version)} />;
  return (
    <section class="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">办理</h2>
      <ErrorSummary errors={errors} labels={LABELS} />
      {c.actions.includes("serve_notice") ? (
        <form method="post" action={base} class="narrow-form">
          {hidden}
          <input type="hidden" name="action" value="serve_notice" />
          <SelectField name="method" label="送达方式" options={SERVICE_METHODS} />
          <button type="submit">送达事先告知</button>{" "}
          <a href={`/registrar/credit/${c.id}/letter`}>打印事先告知书</a>
        </form>
      ) : null}
      {c.actions.includes("decide_list") ||
      c.actions.includes("decide_drop") ||
      c.actions.includes("list_directly") ? (
        <form method="post" action={base} class="narrow-form">
          {hidden}
          <TextAreaField name="reasons" label="决定理由" errors={errors} rows={3} maxlength={2000} />
          <TextField name="documentNo" label="文号（列入时必填）" errors={errors} maxlength={60} />
          <div class="button-row">
            {c.actions.includes("decide_list") ? (
              <button type="submit" name="action" value="decide_list" class="button danger">
                决定列入{CREDIT_LIST_LABELS[c.list]}
              </button>
            ) : null}
            {c.actions.includes("list_directly") ? (
              <button type="submit" name="action" value="list_directly" class="button danger">
                直接列入（撤销、吊销）
              </button>
            ) : null}
            {c.actions.includes("decide_drop") ? (
              <button type="submit" name="action" value="decide_drop" class="button secondary">
                不予列入
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {c.actions.includes("remove") ? (
        <form method="post" action={base} class="narrow-form">
          {hidden}
          <input type="hidden" name="action" value="remove" />
          <SelectField name="removalReason" label="移出事由" errors={errors} options={REMOVAL_REASONS} />
          <TextAreaField
            name="reasons"
            id="reasons-remove"
            label="说明"
            errors={{}}
            rows={2}
            maxlength={2000}
          />
          <TextField name="documentNo" id="documentNo-remove" label="移出文号" errors={{}} maxlength={60} />
          <button type="submit" class="button secondary">
            移出名录
          </button>
        </form>
      ) : null}
      {c.actions.length === 0 ? <p class="muted">当前没有需要办理的事项。</p> : null}
    </section>
  );
}

export function RegistrarCasePage(p: {
  user: SessionUser;
  c: CaseView;
  errors: Errors;
  message?: string | null;
  people?: CasePerson[];
  personForm?: Record<string, string>;
}) {
  return (
    <Layout title={`信用记录：${p.c.orgName}`} user={p.user}>
      <p class="muted">
        <a href="/registrar/credit">信用名单</a> › 记录
      </p>
      <h1>
        {p.c.orgName}：{CREDIT_LIST_LABELS[p.c.list]}
      </h1>
      {p.message ? (
        <p class="notice warning" role="alert">
          {p.message}
        </p>
      ) : null}
      <Facts c={p.c} staff />
      <Actions c={p.c} errors={p.errors} />
      {p.c.list === "serious" ? <People {...p} /> : null}
      <History c={p.c} />
    </Layout>
  );
}

export function OrgCasePage(p: { user: SessionUser; c: CaseView; errors: Errors; message?: string | null }) {
  const c = p.c;
  return (
    <Layout title={`信用记录：${CREDIT_LIST_LABELS[c.list]}`} user={p.user}>
      <p class="muted">
        <a href="/portal/credit">信用信息</a> › 记录
      </p>
      <h1>{CREDIT_LIST_LABELS[c.list]}</h1>
      {p.message ? (
        <p class="notice warning" role="alert">
          {p.message}
        </p>
      ) : null}
      <Facts c={c} staff={false} />
      {c.actions.includes("object") ? (
        <form method="post" action={`/portal/credit/${c.id}/object`} class="narrow-form">
          <h2>提出异议</h2>
          <p>
            如认为上述事实或理由有误，请在 {cnDate(c.objectionDeadline)}{" "}
            前提出异议并说明依据。登记管理机关将审查后作出决定。
          </p>
          <ErrorSummary errors={p.errors} labels={LABELS} />
          <input type="hidden" name="version" value={String(c.version)} />
          <div class={`field ${p.errors.objection ? "field-error" : ""}`}>
            <label for="objection">异议内容</label>
            <FieldError errors={p.errors} name="objection" />
            <textarea id="objection" name="objection" rows={6} maxlength={5000}></textarea>
          </div>
          <button type="submit">提交异议</button>
        </form>
      ) : null}
      <p>
        <a href={`/portal/credit/${c.id}/letter`}>查看并打印事先告知书</a>
      </p>
      <History c={c} />
    </Layout>
  );
}

/** The printable 事先告知书 (R-D7): facts, reasons, basis, the right to object and its deadline. */
export function NoticeLetter(p: { user: SessionUser; c: CaseView; back: string }) {
  const c = p.c;
  return (
    <Layout title="事先告知书" user={p.user}>
      <p class="no-print">
        <a href={p.back}>返回</a>
      </p>
      <article class="letter">
        <h1 class="letter-title">{c.authorityName}</h1>
        <h2 class="letter-title">列入{CREDIT_LIST_LABELS[c.list]}事先告知书</h2>
        <p>
          {c.orgName}（统一社会信用代码：{c.uscc}）：
        </p>
        <p>经查，{cnDatesIn(c.facts)}</p>
        <p>
          依据《社会组织信用信息管理办法》（民政部令第60号）相关规定，你单位存在“
          {CREDIT_GROUNDS[c.ground].label}”的情形，本机关拟将你单位列入{CREDIT_LIST_LABELS[c.list]}。
        </p>
        <p>
          你单位如有异议，可自本告知书送达之日起至 {cnDate(c.objectionDeadline)}{" "}
          前，通过社会组织登记管理信息系统或书面形式向本机关提出，并提交相关证明材料。逾期未提出的，本机关将依法作出决定。
        </p>
        <p class="letter-sign">
          {c.authorityName}
          <br />
          {cnDate(c.noticeServedOn ?? c.today)}
        </p>
      </article>
    </Layout>
  );
}

/** The legal representative and 负责人 of a 严重 entry (identity kept as a keyed hash, shown as its last four). */
function People(p: {
  c: CaseView;
  people?: CasePerson[];
  errors: Errors;
  personForm?: Record<string, string>;
  user: SessionUser;
}) {
  const people = p.people ?? [];
  const form = p.personForm ?? {};
  const mayAdd = p.user.role === "registrar" && p.user.authorityId === p.c.authorityId;
  return (
    <section aria-labelledby="people-h">
      <h2 id="people-h">法定代表人、负责人</h2>
      <p class="hint">
        登记后，同一人被申请担任其他社会组织的法定代表人或负责人时（成立、变更、导入），登记管理机关会看到提示。身份证号码只保存加密摘要和末4位。
      </p>
      {people.length === 0 ? (
        <EmptyState>尚未登记。</EmptyState>
      ) : (
        <ul>
          {people.map((x) => (
            <li>
              {PERSON_ROLE_LABELS[x.role]}：{x.personName}
              {x.idTail ? `（身份证号码末4位 ${x.idTail}）` : "（未登记身份证号码，按姓名提示）"}
            </li>
          ))}
        </ul>
      )}
      {mayAdd ? (
        <form method="post" action={`/registrar/credit/${p.c.id}/people`} class="narrow-form" novalidate>
          <ErrorSummary
            errors={pickErrors(p.errors)}
            labels={{ role: "身份", personName: "姓名", idNumber: "身份证号码" }}
          />
          <SelectField
            name="role"
            label="身份"
            errors={p.errors}
            value={form.role}
            options={choicesOf(PERSON_ROLE_LABELS)}
          />
          <TextField
            name="personName"
            label="姓名"
            errors={p.errors}
            value={form.personName}
            maxlength={50}
          />
          <TextField
            name="idNumber"
            label="身份证号码（可选，建议填写以免同名误报）"
            errors={p.errors}
            maxlength={18}
            autocomplete="off"
          />
          <button type="submit" class="button secondary">
            登记
          </button>
        </form>
      ) : null}
    </section>
  );
}

const pickErrors = (e: Errors): Errors =>
  Object.fromEntries(Object.entries(e).filter(([k]) => ["role", "personName", "idNumber"].includes(k)));
