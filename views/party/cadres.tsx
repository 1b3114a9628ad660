/** The register of leading cadres holding posts (R-F5): the list with its findings, a new post, one post. */

import type { SessionUser } from "../../src/context";
import { maskedId } from "../../src/domain/id-mask";
import { CADRE_LEVEL_LABELS, POST_KIND_LABELS } from "../../src/domain/inspection-report";
import { ageOn, CADRE_FINDING_LABELS, CADRE_STATUS_LABELS, type CadreFinding } from "../../src/domain/party";
import type { CadrePostRow, CadreRegisterView } from "../../src/party/contract";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, Flash, formatDateTime, PageLinks, TextField } from "../components/form";
import { choicesOf, FilterBar, FilterSelect, SelectField } from "../components/select";
import { SummaryList } from "../components/summary";
import { DataTable, EmptyState } from "../components/table";
import { Layout } from "../layout";

export const CADRE_LABELS: Record<string, string> = {
  uscc: "任职组织的统一社会信用代码",
  personName: "姓名",
  idNumber: "身份证号码",
  status: "干部身份",
  level: "干部职级",
  cadrePosition: "原任（现任）职务",
  postKind: "所任职务类别",
  postTitle: "所任职务",
  isLegalRepresentative: "担任法定代表人",
  termStart: "本届任职开始日期",
  termEnd: "本届任职届满日期",
  termNumber: "任职届次",
  approvalDoc: "批准文号",
  approvedOn: "批准日期",
  paid: "领取报酬",
  endedOn: "离任日期",
  endReason: "离任原因",
  form: "",
};

const STATES = { current: "在任", findings: "有问题的", ended: "已离任" };

function Nav({ current }: { current: "cadres" }) {
  return (
    <nav class="sub-nav" aria-label="党建工作">
      <a href="/party">两个覆盖</a>
      <a href="/party/cadres" aria-current={current === "cadres" ? "page" : undefined}>
        领导干部兼职
      </a>
    </nav>
  );
}

export function CadreRegisterPage(p: { user: SessionUser; v: CadreRegisterView; query: string }) {
  const { v } = p;
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  return (
    <Layout title="领导干部兼职" user={p.user}>
      <h1>领导干部在社会组织兼职</h1>
      <p class="muted">
        退（离）休领导干部兼任社团职务不超过1个、不超过两届、任职年龄不超过70周岁、不领取报酬、一般不担任法定代表人；现职县处级以上领导干部兼职须经批准；基金会的理事长、副理事长和秘书长不得由现职国家工作人员兼任。检查覆盖本系统内所有登记管理机关的记录，按身份证号码的加密摘要识别同一人，不保存身份证号码。
      </p>
      <Nav current="cadres" />
      <h2>检查发现的问题（{v.findings.length} 项）</h2>
      {v.findings.length === 0 ? (
        <EmptyState>未发现问题。</EmptyState>
      ) : (
        <ul class="checks">
          {v.findings.map((f) => (
            <li>
              <span class="tag stop">{CADRE_FINDING_LABELS[f.id]}</span> {f.message}
              <span class="muted small">（R-F5）</span>{" "}
              {f.postIds.map((id) => (
                <>
                  {" "}
                  <a href={`/party/cadres/${id}`}>记录 {id}</a>
                </>
              ))}
            </li>
          ))}
        </ul>
      )}
      <FilterBar action="/party/cadres" label="筛选" submit="查询" buttonClass="button secondary">
        <TextField
          name="q"
          label="姓名、组织名称或统一社会信用代码"
          type="search"
          errors={{}}
          value={v.filters.q}
          maxlength={50}
        />
        <FilterSelect
          name="state"
          label="范围"
          value={v.filters.state ?? "current"}
          options={choicesOf(STATES)}
          placeholder={null}
        />
      </FilterBar>
      {v.mayEdit ? (
        <p>
          <a class="button" href="/party/cadres/new">
            登记兼职
          </a>
        </p>
      ) : null}
      <DataTable
        rows={v.rows}
        empty="没有符合条件的兼职记录。"
        columns={["姓名", "干部身份", "任职组织与职务", "本届任期", "批准", "问题"]}
        row={(r) => (
          <tr>
            <td class="nowrap">
              <a href={`/party/cadres/${r.id}`}>{r.personName}</a>
            </td>
            <td>
              {CADRE_STATUS_LABELS[r.status]}（{CADRE_LEVEL_LABELS[r.level]}）
            </td>
            <td>
              {r.orgName}
              <br />
              {r.postTitle}
              {r.isLegalRepresentative ? "、法定代表人" : ""}
            </td>
            <td class="nowrap">
              第{r.termNumber}届，{cnDate(r.termStart)}起
            </td>
            <td>{r.approvalDoc ?? "无"}</td>
            <td>
              {r.findings.length === 0
                ? "—"
                : r.findings.map((f) => <span class="tag stop">{CADRE_FINDING_LABELS[f.id]}</span>)}
            </td>
          </tr>
        )}
      />
      <PageLinks
        page={v.page}
        pages={pages}
        link={(n) => `/party/cadres?${p.query}${p.query ? "&" : ""}page=${n}`}
      />
    </Layout>
  );
}

function Field(p: {
  name: string;
  errors: Errors;
  values: Record<string, string>;
  type?: "date";
  max?: number;
}) {
  return (
    <TextField
      name={p.name}
      label={CADRE_LABELS[p.name] ?? ""}
      type={p.type}
      errors={p.errors}
      value={p.values[p.name]}
      maxlength={p.type === "date" ? undefined : (p.max ?? 100)}
    />
  );
}

function Select(p: {
  name: string;
  errors: Errors;
  values: Record<string, string>;
  options: Record<string, string>;
}) {
  return (
    <SelectField
      name={p.name}
      label={CADRE_LABELS[p.name]}
      errors={p.errors}
      value={p.values[p.name]}
      placeholder="请选择"
      options={choicesOf(p.options)}
    />
  );
}

function Check(p: { name: string; values: Record<string, string> }) {
  return (
    <div class="field checkbox">
      <input type="checkbox" id={p.name} name={p.name} value="1" checked={p.values[p.name] === "1"} />
      <label for={p.name}>{CADRE_LABELS[p.name]}</label>
    </div>
  );
}

export function NewCadrePage(p: { user: SessionUser; values: Record<string, string>; errors: Errors }) {
  const { values, errors } = p;
  return (
    <Layout title="登记领导干部兼职" user={p.user}>
      <p class="muted">
        <a href="/party/cadres">领导干部兼职</a> › 登记兼职
      </p>
      <h1>登记领导干部兼职</h1>
      <form method="post" action="/party/cadres" class="narrow-form" novalidate>
        <ErrorSummary errors={errors} labels={CADRE_LABELS} />
        <Field name="uscc" errors={errors} values={values} max={18} />
        <Field name="personName" errors={errors} values={values} max={50} />
        <TextField
          name="idNumber"
          label={CADRE_LABELS.idNumber ?? ""}
          errors={errors}
          maxlength={18}
          autocomplete="off"
          hint="仅用于识别同一人在不同组织的兼职：系统只保存加密摘要和末4位，不保存完整号码；出生日期按号码计算。"
        />
        <Select name="status" errors={errors} values={values} options={CADRE_STATUS_LABELS} />
        <Select name="level" errors={errors} values={values} options={CADRE_LEVEL_LABELS} />
        <Field name="cadrePosition" errors={errors} values={values} />
        <Select name="postKind" errors={errors} values={values} options={POST_KIND_LABELS} />
        <Field name="postTitle" errors={errors} values={values} max={50} />
        <Check name="isLegalRepresentative" values={values} />
        <Field name="termStart" errors={errors} values={values} type="date" />
        <Field name="termEnd" errors={errors} values={values} type="date" />
        <Field name="termNumber" errors={errors} values={{ termNumber: "1", ...values }} max={2} />
        <Field name="approvalDoc" errors={errors} values={values} />
        <Field name="approvedOn" errors={errors} values={values} type="date" />
        <Check name="paid" values={values} />
        <button type="submit">登记</button>
      </form>
    </Layout>
  );
}

const ACTION_WORDS: Record<string, string> = {
  "party.cadre.add": "登记兼职",
  "party.cadre.update": "修改兼职记录",
  "party.cadre.end": "登记离任",
};

export function CadrePostPage(p: {
  user: SessionUser;
  post: CadrePostRow;
  findings: CadreFinding[];
  history: { at: string; who: string; action: string }[];
  mayEdit: boolean;
  values: Record<string, string>;
  errors: Errors;
  message?: string | null;
  notice?: string | null;
}) {
  const r = p.post;
  const { values, errors } = p;
  return (
    <Layout title={`兼职记录：${r.personName}`} user={p.user}>
      <p class="muted">
        <a href="/party/cadres">领导干部兼职</a> › {r.personName}
      </p>
      <h1>
        {r.personName}（{r.orgName}
        {r.postTitle}）
      </h1>
      <Flash notice={p.notice} message={p.message} failed="未能保存" />
      {p.findings.length > 0 ? (
        <ul class="checks">
          {p.findings.map((f) => (
            <li>
              <span class="tag stop">{CADRE_FINDING_LABELS[f.id]}</span> {f.message}
              <span class="muted small">（R-F5）</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="notice success">未发现问题。</p>
      )}
      <SummaryList
        facts={[
          ["身份证号码", maskedId(r.idTail)],
          [
            "出生日期",
            <>
              {cnDate(r.birthDate)}（本届任职开始时 {ageOn(r.birthDate, r.termStart)} 周岁）
            </>,
          ],
          [
            "干部身份",
            <>
              {CADRE_STATUS_LABELS[r.status]}，{CADRE_LEVEL_LABELS[r.level]}，{r.cadrePosition}
            </>,
          ],
          [
            "任职组织",
            <>
              {r.orgName}（{r.uscc}）
            </>,
          ],
          [
            "所任职务",
            <>
              {r.postTitle}（{POST_KIND_LABELS[r.postKind]}）
              {r.isLegalRepresentative ? "，担任法定代表人" : ""}
            </>,
          ],
          [
            "本届任期",
            <>
              第{r.termNumber}届，{cnDate(r.termStart)} 至 {r.termEnd ? cnDate(r.termEnd) : "未定"}
            </>,
          ],
          ["批准", r.approvalDoc ? `${r.approvalDoc}（${cnDate(r.approvedOn)}）` : "无批准记录"],
          ["报酬", r.paid ? "领取" : "不领取"],
          ["离任", r.endedOn ? `${cnDate(r.endedOn)}，${r.endReason ?? ""}` : "在任"],
        ]}
      />
      {p.mayEdit ? (
        <form method="post" action={`/party/cadres/${r.id}`} class="narrow-form" novalidate>
          <h2>记录批准、离任或更正</h2>
          <ErrorSummary errors={errors} labels={CADRE_LABELS} />
          <input type="hidden" name="version" value={String(r.version)} />
          <Field name="approvalDoc" errors={errors} values={values} />
          <Field name="approvedOn" errors={errors} values={values} type="date" />
          <Field name="termEnd" errors={errors} values={values} type="date" />
          <Field name="termNumber" errors={errors} values={values} max={2} />
          <Check name="paid" values={values} />
          <Check name="isLegalRepresentative" values={values} />
          <Field name="endedOn" errors={errors} values={values} type="date" />
          <Field name="endReason" errors={errors} values={values} max={200} />
          <button type="submit">保存</button>
        </form>
      ) : null}
      <h2>记录历史</h2>
      {p.history.length === 0 ? (
        <EmptyState>尚无记录。</EmptyState>
      ) : (
        <ul class="timeline">
          {p.history.map((h) => (
            <li>
              {formatDateTime(h.at)} {h.who} {ACTION_WORDS[h.action] ?? "修改"}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
