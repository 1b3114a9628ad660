import { cnDate } from "../../../src/domain/dates";
/**
 * /registrar/inspections/years: the years this authority (and, read-only, its districts) has opened, and the form to
 * open year N — the window per type (defaults from R-C1, editable), the registration cut-off (R-C2). The list of
 * organizations required to file is the year's queue (every state), linked from each year.
 */

import type { SessionUser } from "../../../src/context";
import { ORG_TYPES, type OrgType } from "../../../src/domain/org-kinds";
import type { InspectionYear } from "../../../src/inspection/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { ErrorSummary, type Errors, FieldError, Flash, TextField } from "../../components/form";
import { DataTable } from "../../components/table";
import { Layout } from "../../layout";

export interface YearsPageProps {
  user: SessionUser;
  years: (InspectionYear & { authorityName: string; own: boolean })[];
  errors: Errors;
  message: string | null;
  /** Values shown in the open form: defaults, or what was posted. */
  form: {
    year: string;
    cutoffOn: string;
    windows: Record<OrgType, { opensOn: string; closesOn: string; supervisorDueOn: string }>;
  };
  today: string;
}

function DateInput({
  name,
  label,
  value,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  errors: Errors;
}) {
  return <TextField name={name} label={label} type="date" errors={errors} value={value} />;
}

export function YearsPage(p: YearsPageProps) {
  const labels: Record<string, string> = { year: "年度", cutoffOn: "登记截止日" };
  for (const t of ORG_TYPES) {
    labels[`windows.${t}.opensOn`] = `${TYPE_LABELS[t]}申报开始日`;
    labels[`windows.${t}.closesOn`] = `${TYPE_LABELS[t]}申报截止日`;
    labels[`windows.${t}.supervisorDueOn`] = `${TYPE_LABELS[t]}业务主管单位初审截止日`;
  }
  return (
    <Layout title="年检年度" user={p.user}>
      <p>
        <a href="/registrar/inspections">← 年检待办</a>
      </p>
      <h1>年检年度</h1>
      <Flash notice={p.message} />
      <DataTable
        rows={p.years}
        empty="尚未开启任何年度的年检。"
        columns={["年度", "登记管理机关", "申报期", "登记截止日", "应参检", "未参检标记"]}
        row={(y) => (
          <tr>
            <td>
              <a
                href={`/registrar/inspections?year=${y.year}${y.own ? "" : `&district=${y.authorityId}`}&state=draft`}
              >
                {y.year} 年度
              </a>
            </td>
            <td>
              {y.authorityName}
              {y.own ? "" : <span class="tag neutral">只读</span>}
            </td>
            <td>
              {ORG_TYPES.map((t) => (
                <div class="small">
                  {TYPE_LABELS[t]}：{cnDate(y.windows[t].opensOn)} 至 {cnDate(y.windows[t].closesOn)}
                  {y.windows[t].supervisorDueOn
                    ? `（主管单位初审至 ${cnDate(y.windows[t].supervisorDueOn)}）`
                    : ""}
                </div>
              ))}
            </td>
            <td>{cnDate(y.cutoffOn)}</td>
            <td>
              <a
                href={`/registrar/inspections?year=${y.year}${y.own ? "" : `&district=${y.authorityId}`}&state=draft`}
              >
                {y.requiredCount} 个组织
              </a>
            </td>
            <td>
              {y.notFiledMarkedAt ? (
                <a href={`/registrar/inspections/not-filed?year=${y.year}`}>已标记</a>
              ) : (
                <span class="muted">申报期结束后标记</span>
              )}
            </td>
          </tr>
        )}
      />

      <h2 id="open">开启年检</h2>
      <p>
        开启后，应参检的组织（{`登记截止日`}
        前登记、状态正常）立即可以在本单位工作台看到并填写年度工作报告。年检不收取任何费用。
      </p>
      <ErrorSummary errors={p.errors} labels={labels} />
      <form method="post" action="/registrar/inspections/years" class="panel" novalidate>
        <div class={`field ${p.errors.year ? "field-error" : ""}`}>
          <label for="year">年度（报告所属年度）</label>
          <p class="hint" id="year-hint">
            例如 {Number(p.today.slice(0, 4)) - 1} 年度的年检在 {p.today.slice(0, 4)} 年申报。
          </p>
          <FieldError errors={p.errors} name="year" />
          <input
            type="text"
            inputmode="numeric"
            id="year"
            name="year"
            value={p.form.year}
            maxlength={4}
            aria-describedby="year-hint"
          />
        </div>
        <DateInput
          name="cutoffOn"
          label="登记截止日（此日之后登记的组织本年度不参检，R-C2）"
          value={p.form.cutoffOn}
          errors={p.errors}
        />
        {ORG_TYPES.map((t) => (
          <fieldset>
            <legend>{TYPE_LABELS[t]}申报期（默认按 R-C1）</legend>
            <DateInput
              name={`windows.${t}.opensOn`}
              label="开始日"
              value={p.form.windows[t].opensOn}
              errors={p.errors}
            />
            <DateInput
              name={`windows.${t}.closesOn`}
              label="截止日（含当日）"
              value={p.form.windows[t].closesOn}
              errors={p.errors}
            />
            {t === "foundation" ? null : (
              <DateInput
                name={`windows.${t}.supervisorDueOn`}
                label="业务主管单位初审截止日"
                value={p.form.windows[t].supervisorDueOn}
                errors={p.errors}
              />
            )}
          </fieldset>
        ))}
        <button type="submit">开启年检</button>
      </form>
    </Layout>
  );
}
