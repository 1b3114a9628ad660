/** /admin/holidays: the public holidays and make-up working days every working-day deadline counts with (R-C3). */
import type { SessionUser } from "../../../src/context";
import { cnDate } from "../../../src/domain/dates";
import type { Holiday } from "../../../src/inspection/contract";
import { ErrorSummary, type Errors, FieldError, Flash, TextField } from "../../components/form";
import { DataTable } from "../../components/table";
import { Layout } from "../../layout";

export function HolidaysPage(p: {
  user: SessionUser;
  year: number;
  holidays: Holiday[];
  errors: Errors;
  form: { date: string; kind: string; name: string };
  message: string | null;
}) {
  return (
    <Layout title="节假日维护" user={p.user}>
      <p>
        <a href="/admin">← 系统管理</a>
      </p>
      <h1>节假日维护</h1>
      <p>补正期限等按工作日计算的期限，跳过周末和这里列出的法定节假日；调休上班日按工作日计算。</p>
      <Flash notice={p.message} />
      <nav class="pagination" aria-label="年份">
        <a href={`/admin/holidays?year=${p.year - 1}`}>← {p.year - 1} 年</a>
        <span aria-current="page">{p.year} 年</span>
        <a href={`/admin/holidays?year=${p.year + 1}`}>{p.year + 1} 年 →</a>
      </nav>
      <DataTable
        rows={p.holidays}
        empty={<>{p.year} 年尚未录入节假日。</>}
        columns={["日期", "类别", "名称", "操作"]}
        row={(h) => (
          <tr>
            <td>{cnDate(h.date)}</td>
            <td>
              <span class={`tag ${h.kind === "holiday" ? "warn" : "neutral"}`}>
                {h.kind === "holiday" ? "节假日" : "调休上班日"}
              </span>
            </td>
            <td>{h.name}</td>
            <td>
              <form method="post" action={`/admin/holidays/${h.id}/delete`} class="inline-form">
                <input type="hidden" name="year" value={String(p.year)} />
                <button type="submit" class="button danger small-button">
                  删除
                </button>
              </form>
            </td>
          </tr>
        )}
      />
      <h2>添加日期</h2>
      <ErrorSummary errors={p.errors} labels={{ date: "日期", kind: "类别", name: "名称" }} />
      <form method="post" action="/admin/holidays" class="panel narrow-form" novalidate>
        <TextField name="date" label="日期" type="date" errors={p.errors} value={p.form.date} />
        <fieldset id="kind" class={p.errors.kind ? "field-error" : ""}>
          <legend>类别</legend>
          <FieldError errors={p.errors} name="kind" />
          <div class="radio">
            <input
              type="radio"
              id="kind-holiday"
              name="kind"
              value="holiday"
              checked={p.form.kind !== "workday"}
            />
            <label for="kind-holiday">法定节假日（不计工作日）</label>
          </div>
          <div class="radio">
            <input
              type="radio"
              id="kind-workday"
              name="kind"
              value="workday"
              checked={p.form.kind === "workday"}
            />
            <label for="kind-workday">调休上班日（计为工作日）</label>
          </div>
        </fieldset>
        <TextField name="name" label="名称（选填）" errors={p.errors} value={p.form.name} maxlength={50} />
        <button type="submit">添加</button>
      </form>
    </Layout>
  );
}
