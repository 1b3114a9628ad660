import type { SessionUser } from "../../src/context";
import type { JobView, RunReportView, RunView } from "../../src/jobs/contract";
import { AdminFrame } from "../admin/frame";
import { formatDateTime } from "../components/form";
import { DataTable } from "../components/table";

const TRIGGERS: Record<string, string> = {
  timer: "每日定时",
  cron: "每日定时（云端）",
  cli: "命令行",
  admin: "管理员",
};

function RunButtons({ job }: { job?: string }) {
  return (
    <form method="post" action="/admin/jobs" class="inline-form">
      {job ? <input type="hidden" name="job" value={job} /> : null}
      <button type="submit" name="mode" value="dry-run" class="button secondary small-button">
        预演（不写入）
      </button>{" "}
      <button type="submit" name="mode" value="run" class="button small-button">
        立即运行
      </button>
    </form>
  );
}

function Report({ r }: { r: RunReportView }) {
  return (
    <section class="panel" aria-label={`${r.title}的运行结果`}>
      <h3>
        {r.title}：{r.dryRun ? "预演结果（未写入任何数据）" : "运行结果"}
      </h3>
      {r.error ? (
        <p class="error-message">运行失败：{r.error}</p>
      ) : (
        <p>
          {r.dryRun ? "将会变更" : "已变更"} {r.changed.toLocaleString("zh-CN")} 项。{r.summary}
        </p>
      )}
      <DataTable
        rows={r.items}
        columns={["对象", "原因"]}
        row={(i) => (
          <tr>
            <td>{i.label}</td>
            <td>{i.reason}</td>
          </tr>
        )}
      />
      {r.more > 0 ? <p class="hint">另有 {r.more.toLocaleString("zh-CN")} 项未列出。</p> : null}
    </section>
  );
}

function RunRow({ r }: { r: RunView }) {
  return (
    <tr>
      <td>{r.jobTitle}</td>
      <td>{formatDateTime(r.startedAt)}</td>
      <td>{TRIGGERS[r.trigger] ?? "其他"}</td>
      <td>{r.dryRun ? "预演" : "运行"}</td>
      <td>{r.error ? "失败" : r.finishedAt ? `${r.changed.toLocaleString("zh-CN")} 项` : "运行中"}</td>
      <td>{r.error ?? r.summary ?? ""}</td>
    </tr>
  );
}

export function JobsPage(p: {
  user: SessionUser;
  jobs: JobView[];
  runs: RunView[];
  today: string;
  reports: RunReportView[] | null;
}) {
  return (
    <AdminFrame user={p.user} title="定时任务" current="/admin/jobs">
      <p>
        以下任务每天自动运行一次（北京时间），按期限自动处理未参检标记、信用名单等事项。运行前可先“预演”，查看今天将会影响哪些组织，预演不写入任何数据。
      </p>
      {p.reports ? p.reports.map((r) => <Report r={r} />) : null}
      <DataTable
        rows={p.jobs}
        empty="尚未配置定时任务。"
        caption="任务"
        columns={["任务", "规则", "上次运行", "操作"]}
        row={(j) => (
          <tr>
            <td>{j.title}</td>
            <td>{j.description}</td>
            <td>
              {j.lastRun
                ? `${formatDateTime(j.lastRun.startedAt)}，${j.lastRun.error ? "失败" : `变更 ${j.lastRun.changed} 项`}`
                : "尚未运行"}
            </td>
            <td>
              <RunButtons job={j.name} />
            </td>
          </tr>
        )}
      />
      {p.jobs.length > 0 ? (
        <p>
          全部任务：
          <RunButtons />
        </p>
      ) : null}
      <h2>最近的运行记录</h2>
      <DataTable
        rows={p.runs}
        empty="还没有运行记录。"
        columns={["任务", "开始时间", "触发方式", "类型", "结果", "摘要"]}
        row={(r) => <RunRow r={r} />}
      />
    </AdminFrame>
  );
}
