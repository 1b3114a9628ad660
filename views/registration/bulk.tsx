import type { SessionUser } from "../../src/context";
import type { ImportJobView as ImportJob } from "../../src/registration/contract";
import { formatDateTime } from "../components/form";
import { Layout } from "../layout";

/** Registrars' import from the browser: upload, preview, progress, report; and the export links. */
export function ImportPage(p: {
  /** The upload limit, the one enforced (src/registration/bulk.ts). */
  maxMb: number;
  user: SessionUser;
  authorityName: string;
  jobs: ImportJob[];
  error?: string | null;
}) {
  return (
    <Layout title="导入登记信息" user={p.user}>
      <p>
        <a href="/registrar">← 工作台</a>
      </p>
      <h1>导入登记信息</h1>
      <p class="lead">{p.authorityName}</p>
      <p>
        上传与命令行导入相同格式的
        CSV（UTF-8，首行为表头，列名可用英文或中文：统一社会信用代码、名称、类型、状态、成立日期、法定代表人、住所、业务范围、业务主管单位、登记管理机关代码、登记管理机关、注册资金(元)，可选：状态日期、慈善组织）。按统一社会信用代码新增或更新；只能导入本机关登记的组织。上传后先预览，确认后才写入。
      </p>
      {p.error ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h2>无法导入</h2>
          <p>
            <a href="#file">{p.error}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action="/registrar/import" enctype="multipart/form-data" class="narrow-form">
        <div class={`field ${p.error ? "field-error" : ""}`}>
          <label for="file">CSV 文件（不超过 {p.maxMb} MB）</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" />
        </div>
        <button type="submit">上传并预览</button>
      </form>
      <h2>最近的导入</h2>
      {p.jobs.length === 0 ? (
        <p class="empty-state">还没有导入记录。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">文件</th>
              <th scope="col">时间</th>
              <th scope="col">状态</th>
              <th scope="col">行数</th>
            </tr>
          </thead>
          <tbody>
            {[...p.jobs].reverse().map((j) => (
              <tr>
                <td>
                  <a href={`/registrar/import/${j.id}`}>{j.filename}</a>
                </td>
                <td>{formatDateTime(j.createdAt)}</td>
                <td>{JOB_STATE[j.state]}</td>
                <td>{j.totalRows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

const JOB_STATE: Record<ImportJob["state"], string> = {
  previewed: "待确认",
  running: "导入中",
  done: "已完成",
  cancelled: "已取消",
};

function Errors({ errors }: { errors: { line: number; reason: string }[] }) {
  if (errors.length === 0) return <p class="notice success">没有发现错误的行。</p>;
  return (
    <table class="audit-table">
      <thead>
        <tr>
          <th scope="col">行号</th>
          <th scope="col">原因（该行不会写入）</th>
        </tr>
      </thead>
      <tbody>
        {errors.slice(0, 1000).map((e) => (
          <tr>
            <td>第 {e.line} 行</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The progress fragment: with htmx it asks for the next chunk itself until the import is done. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const pct = job.totalRows === 0 ? 100 : Math.floor((job.processedRows / job.totalRows) * 100);
  const running = job.state === "running";
  return (
    <section
      id="import-progress"
      aria-live="polite"
      hx-post={running ? `/registrar/import/${job.id}/step` : undefined}
      hx-trigger={running ? "load delay:100ms" : undefined}
      hx-swap={running ? "outerHTML" : undefined}
    >
      <label for="import-bar">
        已处理 {job.processedRows.toLocaleString("zh-CN")} / {job.totalRows.toLocaleString("zh-CN")} 行（{pct}
        %）
      </label>
      <progress id="import-bar" max={job.totalRows || 1} value={job.processedRows}>
        {pct}%
      </progress>
      {running ? (
        <form method="post" action={`/registrar/import/${job.id}/step`} class="no-js-continue">
          <button type="submit" class="button secondary">
            继续导入下一批
          </button>
        </form>
      ) : null}
      {job.state === "done" ? (
        <div class="notice success" role="status">
          <p>
            导入完成：新增 {job.inserted} 个、更新 {job.updated} 个、未变化 {job.unchanged} 个，
            {job.errors.length} 行未写入。
          </p>
        </div>
      ) : null}
      {job.state === "done" ? <Errors errors={job.errors} /> : null}
    </section>
  );
}

export function ImportJobPage(p: { user: SessionUser; job: ImportJob }) {
  const j = p.job;
  return (
    <Layout title={`导入：${j.filename}`} user={p.user}>
      <p>
        <a href="/registrar/import">← 导入登记信息</a>
      </p>
      <h1>导入：{j.filename}</h1>
      {j.state === "previewed" ? (
        <>
          <h2>预览（尚未写入任何数据）</h2>
          <dl class="summary">
            <dt>数据行</dt>
            <dd>{j.totalRows}</dd>
            <dt>将新增</dt>
            <dd>{j.preview.inserted}</dd>
            <dt>将更新</dt>
            <dd>{j.preview.updated}</dd>
            <dt>无变化</dt>
            <dd>{j.preview.unchanged}</dd>
            <dt>有错误、不会写入的行</dt>
            <dd>{j.preview.errors.length}</dd>
          </dl>
          <Errors errors={j.preview.errors} />
          {j.preview.warnings?.length ? (
            <>
              <h3>需要核实的行（会写入）</h3>
              <table class="audit-table">
                <thead>
                  <tr>
                    <th scope="col">行号</th>
                    <th scope="col">需要核实的情况</th>
                  </tr>
                </thead>
                <tbody>
                  {j.preview.warnings.slice(0, 1000).map((w) => (
                    <tr>
                      <td>第 {w.line} 行</td>
                      <td>{w.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <div class="button-row">
            <form method="post" action={`/registrar/import/${j.id}/step`}>
              <input type="hidden" name="version" value={String(j.version)} />
              <button type="submit">确认导入（只写入没有错误的行）</button>
            </form>
            <form method="post" action={`/registrar/import/${j.id}/cancel`}>
              <button type="submit" class="button secondary">
                取消
              </button>
            </form>
          </div>
        </>
      ) : j.state === "cancelled" ? (
        <p class="notice warning">该导入已取消，没有写入任何数据。</p>
      ) : (
        <ImportProgress job={j} />
      )}
    </Layout>
  );
}
