import { Hono } from "hono";
import { z } from "zod";
import { JobsPage } from "../../views/jobs/page";
import type { AppEnv } from "../context";
import { renderPage } from "../render";
import { loadJobsPage, runFromAdmin } from "./service";

/** /admin/jobs: the scheduled jobs, their runs, and a dry run ("what would this job do today?") on demand. */
export const jobRoutes = new Hono<AppEnv>();

const RunForm = z.object({
  job: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]*$/)
    .optional(),
  mode: z.enum(["dry-run", "run"]),
});

jobRoutes.get("/", async (c) => {
  const data = await loadJobsPage(c.get("deps"));
  return renderPage(c, <JobsPage user={c.get("user")!} {...data} reports={null} />);
});

jobRoutes.post("/", async (c) => {
  const parsed = RunForm.safeParse(await c.req.parseBody());
  if (!parsed.success) return c.text("请求无效：请从定时任务页面提交。", 400);
  const reports = await runFromAdmin(c.get("deps"), parsed.data.job || null, parsed.data.mode === "dry-run");
  if (!reports) return c.text("没有这个定时任务。", 400);
  const data = await loadJobsPage(c.get("deps"));
  return renderPage(c, <JobsPage user={c.get("user")!} {...data} reports={reports} />);
});
