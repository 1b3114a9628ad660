import type { SessionUser } from "../../src/context";
import type { ImportColumn, ImportJobView as ImportJob } from "../../src/registration/contract";
import { formatDateTime } from "../components/form";
import { SummaryList } from "../components/summary";
import { EmptyState } from "../components/table";
import { Layout } from "../layout";

/** Registrars' import from the browser: upload, preview, progress, report; and the export links. */
export function ImportPage(p: {
  /** The upload limit, the one enforced (src/registration/bulk.ts). */
  maxMb: number;
  user: SessionUser;
  authorityName: string;
  jobs: ImportJob[];
  error?: string | null;
  /** The columns the importer reads, each explained (src/registration/bulk-files.ts). */
  columns: ImportColumn[];
}) {
  return (
    <Layout title="导入登记信息" user={p.user}>
      <p>
        <a href="/registrar">← 工作台</a>
      </p>
      <h1>导入登记信息</h1>
      <p class="lead">{p.authorityName}</p>
      <p>
        上传 CSV
        文件（UTF-8，首行为表头，每行一个组织），按统一社会信用代码新增或更新；只能导入本机关登记的组织。上传后先预览，确认后才写入。本系统导出的文件可以直接导入。
      </p>
      <p>
        下载导入模板：
        <a href="/registrar/import/template.csv" download>
          CSV（含一行示例）
        </a>{" "}
        /{" "}
        <a href="/registrar/import/template.xlsx" download>
          Excel（含一行示例和各列填写说明；填好后另存为“CSV UTF-8”再上传）
        </a>
      </p>
      <details>
        <summary>各列的填写说明</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">列名</th>
              <th scope="col">必填</th>
              <th scope="col">填写说明</th>
            </tr>
          </thead>
          <tbody>
            {p.columns.map((col) => (
              <tr>
                <td>{col.header}</td>
                <td>{col.required ? "必填" : "可不填"}</td>
                <td>{col.explain}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
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
        <EmptyState>还没有导入记录。</EmptyState>
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

/** The organizations a preview changes, each field old → new, then "另有 N 家" beyond the list. */
function Changes({
  changes,
  total,
}: {
  changes: NonNullable<ImportJob["preview"]["changes"]>;
  total: number;
}) {
  if (total === 0) return null;
  return (
    <>
      <h3>将更新的组织（{total} 家）</h3>
      <ul class="import-changes">
        {changes.map((ch) => (
          <li>
            <strong>{ch.name}</strong>（{ch.uscc}，第 {ch.line} 行）
            <ul>
              {ch.fields.map((f) => (
                <li>
                  {f.label}：{f.before} → {f.after}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {total > changes.length ? <p>另有 {total - changes.length} 家将更新，此处不再逐一列出。</p> : null}
    </>
  );
}

function Created({
  created,
  total,
}: {
  created: NonNullable<ImportJob["preview"]["created"]>;
  total: number;
}) {
  if (total === 0) return null;
  return (
    <>
      <h3>将新增的组织（{total} 家）</h3>
      <ul>
        {created.map((o) => (
          <li>
            {o.name}（{o.uscc}，第 {o.line} 行）
          </li>
        ))}
      </ul>
      {total > created.length ? <p>另有 {total - created.length} 家将新增，此处不再逐一列出。</p> : null}
    </>
  );
}

export function ImportJobPage(p: {
  user: SessionUser;
  job: ImportJob;
  /** Whether the preview's rows in error can be downloaded (/registrar/import/:id/errors.csv). */
  hasErrorFile: boolean;
}) {
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
          <SummaryList
            facts={[
              ["数据行", j.totalRows],
              ["将新增", j.preview.inserted],
              ["将更新", j.preview.updated],
              ["无变化", j.preview.unchanged],
              ["有错误、不会写入的行", j.preview.errors.length],
            ]}
          />
          {j.preview.changes ? <Changes changes={j.preview.changes} total={j.preview.updated} /> : null}
          {j.preview.created ? <Created created={j.preview.created} total={j.preview.inserted} /> : null}
          <h3>有错误、不会写入的行（{j.preview.errors.length} 行）</h3>
          {p.hasErrorFile ? (
            <p>
              <a href={`/registrar/import/${j.id}/errors.csv`} download>
                下载错误行（CSV，保留原有各列，并加“错误原因”列；改正后可重新上传）
              </a>
            </p>
          ) : null}
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
