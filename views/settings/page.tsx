import type { SessionUser } from "../../src/context";
import type { SettingChangeView, SettingSummary } from "../../src/settings/contract";
import { AdminFrame } from "../admin/frame";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, FieldError, Flash, formatDateTime, TextField } from "../components/form";
import { SummaryList } from "../components/summary";
import { DataTable, SCROLL_REGION } from "../components/table";
import { Layout } from "../layout";

/** /admin/settings: every setting the locality may change, today's value beside domain.md's default. */
export function SettingsPage({
  user,
  settings,
  changed,
}: {
  user: SessionUser;
  settings: SettingSummary[];
  changed: string | null;
}) {
  return (
    <AdminFrame user={user} title="业务参数设置" current="/admin/settings">
      <p>
        以下期限和界限由本地规定确定。调整自指定日期起生效，之前的日子仍按当时的设置；每次调整都记录理由和操作人，并写入审计日志。
      </p>
      <Flash notice={changed ? `已保存“${changed}”的调整。` : null} />
      <div class="table-scroll" {...SCROLL_REGION}>
        <table>
          <thead>
            <tr>
              <th scope="col" class="wide-cell">
                参数
              </th>
              <th scope="col">现行值</th>
              <th scope="col">默认值</th>
              <th scope="col" class="nowrap">
                已安排的调整
              </th>
              <th scope="col">依据</th>
            </tr>
          </thead>
          <tbody>
            {settings.map((s) => (
              <tr>
                <td>
                  <a href={`/admin/settings/${s.key}`}>{s.title}</a>
                </td>
                <td>{s.currentWords}</td>
                <td>{s.defaultWords}</td>
                <td>
                  {s.scheduled.length === 0
                    ? "—"
                    : s.scheduled.map((c) => (
                        <div>
                          自{cnDate(c.effectiveFrom)}起：{c.words}
                        </div>
                      ))}
                </td>
                <td class="nowrap">{s.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminFrame>
  );
}

function History({ changes }: { changes: SettingChangeView[] }) {
  return (
    <DataTable
      rows={changes}
      empty="尚未调整过，一直使用默认值。"
      columns={["生效日期", "调整为", "理由", "操作人", "操作时间"]}
      row={(c) => (
        <tr>
          <td class="nowrap">{cnDate(c.effectiveFrom)}</td>
          <td>{c.words}</td>
          <td>{c.reason}</td>
          <td>{c.by}</td>
          <td class="nowrap">{formatDateTime(c.at)}</td>
        </tr>
      )}
    />
  );
}

/** /admin/settings/{key}: change one setting from a date, with its history. */
export function SettingPage({
  user,
  setting,
  form,
  errors,
}: {
  user: SessionUser;
  setting: SettingSummary;
  form: Record<string, string>;
  errors: Errors;
}) {
  const labels: Record<string, string> = { effectiveFrom: "生效日期", reason: "理由", form: "" };
  for (const f of setting.fields) labels[f.name] = f.label;
  return (
    <Layout title={setting.title} user={user}>
      <p>
        <a href="/admin/settings">← 业务参数设置</a>
      </p>
      <h1>{setting.title}</h1>
      <p>{setting.help}</p>
      <SummaryList
        facts={[
          ["现行值", setting.currentWords],
          ["默认值", setting.defaultWords],
          ["依据", setting.rule],
        ]}
      />
      <h2>调整</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <FieldError errors={errors} name="form" />
      <form method="post" action={`/admin/settings/${setting.key}`} novalidate>
        {setting.fields.map((f) =>
          f.kind === "bool" ? (
            <fieldset class={`field ${errors[f.name] ? "field-error" : ""}`} id={f.name}>
              <legend>{f.label}</legend>
              <FieldError errors={errors} name={f.name} />
              <div class="radio">
                <input
                  type="radio"
                  id={`${f.name}-yes`}
                  name={f.name}
                  value="1"
                  checked={form[f.name] === "1"}
                />
                <label for={`${f.name}-yes`}>是</label>
              </div>
              <div class="radio">
                <input
                  type="radio"
                  id={`${f.name}-no`}
                  name={f.name}
                  value="0"
                  checked={form[f.name] === "0"}
                />
                <label for={`${f.name}-no`}>否</label>
              </div>
            </fieldset>
          ) : (
            <div class={`field ${errors[f.name] ? "field-error" : ""}`}>
              <label for={f.name}>
                {f.kind === "date"
                  ? `${f.label}（留空表示不启用）`
                  : `${f.label}（${f.min}–${f.max}${f.unit ?? ""}）`}
              </label>
              <FieldError errors={errors} name={f.name} />
              <input
                type={f.kind === "date" ? "date" : "number"}
                id={f.name}
                name={f.name}
                value={form[f.name] ?? ""}
                min={f.kind === "date" ? undefined : f.min}
                max={f.kind === "date" ? undefined : f.max}
                step={f.kind === "date" ? undefined : 1}
                inputmode={f.kind === "date" ? undefined : "numeric"}
                aria-invalid={errors[f.name] ? "true" : undefined}
                aria-describedby={errors[f.name] ? `${f.name}-error` : undefined}
              />
            </div>
          ),
        )}
        <TextField
          name="effectiveFrom"
          label="生效日期"
          type="date"
          errors={errors}
          value={form.effectiveFrom}
          hint="今天或以后的日期；自该日起按新值办理。"
        />
        <TextField
          name="reason"
          label="理由"
          errors={errors}
          value={form.reason}
          maxlength={200}
          hint="调整的理由或依据，如地方文件的文号。"
        />
        <button type="submit" class="button">
          保存调整
        </button>
      </form>
      <h2>调整记录</h2>
      <History changes={setting.history} />
    </Layout>
  );
}
