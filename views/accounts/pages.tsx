import type { Child } from "hono/jsx";
import type { users } from "../../db/schema";
import { auditSentence, OBJECT_LABELS } from "../../src/audit/labels";
import { ACTION_FAMILIES, type AuditEventRow, actionLabel } from "../../src/audit/queries";
import type { SessionUser } from "../../src/context";
import { ZOMBIE_OUTCOME_LABELS, type ZombieOutcome } from "../../src/domain/zombie-case";
import { ROLE_LABELS } from "../auth/pages";
import {
  ActionButton,
  ErrorSummary,
  type Errors,
  formatDateTime,
  Pager,
  SelectField,
  TextField,
} from "../components/form";
import { Layout } from "../layout";

type UserRow = typeof users.$inferSelect;

export const STATUS_LABELS: Record<UserRow["status"], string> = {
  pending: "待激活",
  active: "正常",
  disabled: "已停用",
};
const STATUS_TAG: Record<UserRow["status"], string> = { pending: "warn", active: "ok", disabled: "stop" };

export function UserStatus({ status }: { status: UserRow["status"] }) {
  return <span class={`tag ${STATUS_TAG[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function Flash({ notice }: { notice?: string | null }) {
  return notice ? (
    <p class="notice success" role="status">
      {notice}
    </p>
  ) : null;
}

/** The buttons a manager has for one account: disable / enable, and a new link while it is pending. */
function ManageButtons({ base, u }: { base: string; u: UserRow }) {
  return (
    <>
      {u.status === "disabled" ? (
        <ActionButton action={`${base}/${u.id}/enable`} label="启用" hidden={{ version: u.version }} />
      ) : (
        <ActionButton
          action={`${base}/${u.id}/disable`}
          label="停用"
          hidden={{ version: u.version }}
          danger
        />
      )}
      {u.status === "pending" ? (
        <ActionButton
          action={`${base}/${u.id}/activation`}
          label="重发激活链接"
          hidden={{ version: u.version }}
        />
      ) : null}
    </>
  );
}

/** A table of accounts; `manageBase` (e.g. /portal/users) adds the buttons, except on the viewer's own row. */
export function AccountTable({
  rows,
  viewer,
  manageBase,
  extra,
}: {
  rows: { user: UserRow; scope?: string | null }[];
  viewer: SessionUser;
  manageBase: string | null;
  extra?: boolean;
}) {
  if (rows.length === 0) return <p class="empty-state">还没有账号。</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">姓名</th>
          <th scope="col">用户名</th>
          {extra ? <th scope="col">身份与所属</th> : <th scope="col">单位管理员</th>}
          <th scope="col">状态</th>
          <th scope="col">最近登录</th>
          {manageBase ? <th scope="col">操作</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ user: u, scope }) => (
          <tr>
            <td>{u.displayName}</td>
            <td>{u.username}</td>
            {extra ? (
              <td>
                {ROLE_LABELS[u.role]}
                {scope ? `：${scope}` : ""}
              </td>
            ) : (
              <td>{u.isOrgAdmin ? "是" : "否"}</td>
            )}
            <td>
              <UserStatus status={u.status} />
            </td>
            <td>{formatDateTime(u.lastLoginAt)}</td>
            {manageBase ? (
              <td>
                {u.id === viewer.id ? (
                  <span class="muted">本人</span>
                ) : (
                  <ManageButtons base={manageBase} u={u} />
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const ACCOUNT_LABELS = {
  username: "用户名",
  displayName: "姓名",
  role: "身份",
  authorityId: "登记管理机关",
  supervisorUnitId: "业务主管单位",
};

export const USERNAME_HINT = "3 到 40 位小写字母、数字或 . _ -，例如 zhang.wei。登录时使用，开设后不能修改。";

/** The fields every account form has. */
export function AccountFields({ values, errors }: { values: Record<string, string>; errors: Errors }) {
  return (
    <>
      <TextField name="displayName" label="姓名" errors={errors} value={values.displayName} maxlength={40} />
      <TextField
        name="username"
        label="用户名"
        errors={errors}
        value={values.username}
        hint={USERNAME_HINT}
        maxlength={40}
        autocomplete="off"
      />
    </>
  );
}

/** Shown once, right after an account is created or a link reissued: the link is not stored in readable form. */
export function ActivationLinkPage(p: {
  user: SessionUser;
  title: string;
  accountName: string;
  username: string;
  link: string;
  expiresAt: number;
  back: string;
}) {
  return (
    <Layout title={p.title} user={p.user}>
      <h1>{p.title}</h1>
      <div class="panel" role="status">
        <p>
          已为 <strong>{p.accountName}</strong>（用户名 <strong>{p.username}</strong>）生成一次性激活链接：
        </p>
        <p>
          <code class="activation-link">{p.link}</code>
        </p>
        <p>
          有效期至 <strong>{formatDateTime(p.expiresAt)}</strong>（72 小时），只能使用一次。
          <strong>此链接只显示这一次</strong>
          ，请现在复制并当面或通过可靠渠道交给本人；本人打开后自行设置密码。
        </p>
        <p class="muted">如链接遗失或过期，可在账号列表中“重发激活链接”，原链接随即失效。</p>
      </div>
      <p>
        <a href={p.back}>返回账号列表</a>
      </p>
    </Layout>
  );
}

// ---------------------------------------------------------------- admin

export function AdminNav({ current }: { current: string }) {
  const items = [
    ["/admin", "概览"],
    ["/admin/users", "工作人员账号"],
    ["/admin/authorities", "登记管理机关"],
    ["/admin/supervisor-units", "业务主管单位"],
    ["/admin/audit", "审计日志"],
    ["/admin/jobs", "定时任务"],
  ];
  return (
    <nav class="sub-nav" aria-label="系统管理">
      {items.map(([href, label]) => (
        <a href={href} aria-current={href === current ? "page" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Every administrator page: its title, the administration menu and the flash message. */
export function AdminFrame(p: {
  user: SessionUser;
  title: string;
  current: string;
  notice?: string | null;
  children?: Child;
}) {
  return (
    <Layout title={p.title} user={p.user}>
      <h1>{p.title}</h1>
      <AdminNav current={p.current} />
      <Flash notice={p.notice} />
      {p.children}
    </Layout>
  );
}

export function AdminHome(p: {
  user: SessionUser;
  counts: { label: string; value: number; href: string }[];
}) {
  return (
    <Layout title="系统管理" user={p.user}>
      <h1>系统管理</h1>
      <AdminNav current="/admin" />
      <ul class="stat-grid">
        {p.counts.map((c) => (
          <li>
            <a href={c.href}>
              <span class="stat-value">{c.value.toLocaleString("zh-CN")}</span>
              <span class="stat-label">{c.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function StaffPage(p: {
  user: SessionUser;
  rows: { user: UserRow; scope: string | null }[];
  authorities: { id: number; name: string }[];
  units: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <AdminFrame user={p.user} title="工作人员账号" current="/admin/users" notice={p.notice}>
      <AccountTable rows={p.rows} viewer={p.user} manageBase="/admin/users" extra />
      <h2 id="new">开设工作人员账号</h2>
      <p class="muted">
        社会组织的账号由其登记管理机关开设；这里开设登记管理机关、业务主管单位的工作人员和系统管理员账号。
      </p>
      <ErrorSummary errors={p.errors} labels={ACCOUNT_LABELS} />
      <form method="post" action="/admin/users" class="narrow-form" novalidate>
        <SelectField
          name="role"
          label="身份"
          errors={p.errors}
          value={p.values.role}
          placeholder="请选择"
          options={[
            { value: "registrar", label: ROLE_LABELS.registrar },
            { value: "party", label: ROLE_LABELS.party },
            { value: "supervisor", label: ROLE_LABELS.supervisor },
            { value: "admin", label: ROLE_LABELS.admin },
          ]}
        />
        <SelectField
          name="authorityId"
          label="登记管理机关（登记管理机关工作人员、党建工作审查人员填写）"
          errors={p.errors}
          value={p.values.authorityId}
          placeholder="—"
          options={p.authorities.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <SelectField
          name="supervisorUnitId"
          label="业务主管单位（业务主管单位审查人员填写）"
          errors={p.errors}
          value={p.values.supervisorUnitId}
          placeholder="—"
          options={p.units.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <AccountFields values={p.values} errors={p.errors} />
        <button type="submit">开设账号并生成激活链接</button>
      </form>
    </AdminFrame>
  );
}

export function AuthoritiesPage(p: {
  user: SessionUser;
  rows: {
    id: number;
    code: string;
    name: string;
    level: string;
    regionCode: string;
    parentName: string | null;
  }[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  const LEVELS: Record<string, string> = {
    national: "国家级",
    province: "省级",
    city: "市级",
    district: "县区级",
  };
  return (
    <AdminFrame user={p.user} title="登记管理机关" current="/admin/authorities" notice={p.notice}>
      <table>
        <thead>
          <tr>
            <th scope="col">代码</th>
            <th scope="col">名称</th>
            <th scope="col">级别</th>
            <th scope="col">行政区划代码</th>
            <th scope="col">上级</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((a) => (
            <tr>
              <td>{a.code}</td>
              <td>{a.name}</td>
              <td>{LEVELS[a.level] ?? a.level}</td>
              <td>{a.regionCode}</td>
              <td>{a.parentName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new">新增登记管理机关</h2>
      <ErrorSummary
        errors={p.errors}
        labels={{ code: "代码", name: "名称", level: "级别", parentId: "上级登记管理机关" }}
      />
      <form method="post" action="/admin/authorities" class="narrow-form" novalidate>
        <TextField
          name="code"
          label="代码（行政区划代码）"
          errors={p.errors}
          value={p.values.code}
          hint="GB/T 2260 的 6 位数字行政区划代码，发放统一社会信用代码时使用（R-B4）。"
          maxlength={6}
        />
        <TextField name="name" label="名称" errors={p.errors} value={p.values.name} maxlength={60} />
        <SelectField
          name="level"
          label="级别"
          errors={p.errors}
          value={p.values.level}
          placeholder="请选择"
          options={Object.entries(LEVELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="parentId"
          label="上级登记管理机关"
          errors={p.errors}
          value={p.values.parentId}
          placeholder="无"
          options={p.rows.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <button type="submit">新增</button>
      </form>
    </AdminFrame>
  );
}

export function SupervisorUnitsPage(p: {
  user: SessionUser;
  rows: { id: number; name: string; orgs: number; reviewers: number }[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <AdminFrame user={p.user} title="业务主管单位" current="/admin/supervisor-units" notice={p.notice}>
      {p.rows.length === 0 ? (
        <p class="empty-state">还没有业务主管单位。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">主管的社会组织</th>
              <th scope="col">审查人员账号</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{u.orgs.toLocaleString("zh-CN")}</td>
                <td>{u.reviewers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new">新增业务主管单位</h2>
      <ErrorSummary errors={p.errors} labels={{ name: "名称" }} />
      <form method="post" action="/admin/supervisor-units" class="narrow-form" novalidate>
        <TextField name="name" label="名称" errors={p.errors} value={p.values.name} maxlength={60} />
        <button type="submit">新增</button>
      </form>
    </AdminFrame>
  );
}

/** The actor's role in words; jobs and the system act without a staff role. */
function roleWords(role: string): string {
  return ROLE_LABELS[role as SessionUser["role"]] ?? "系统";
}

export function AuditTable({ rows, orgNames }: { rows: AuditEventRow[]; orgNames?: Map<number, string> }) {
  if (rows.length === 0) return <p class="empty-state">没有符合条件的审计记录。</p>;
  return (
    <table class="audit-table">
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">时间</th>
          <th scope="col">操作人</th>
          <th scope="col">来源 IP</th>
          <th scope="col">操作</th>
          <th scope="col">对象</th>
          {orgNames ? <th scope="col">社会组织</th> : null}
          <th scope="col">经过</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr>
            <td>{e.id}</td>
            <td>{formatDateTime(e.at)}</td>
            <td>
              {e.actorUsername ?? "—"}
              <span class="muted small"> （{roleWords(e.actorRole)}）</span>
            </td>
            <td>{e.ip ?? "—"}</td>
            <td>{actionLabel(e.action)}</td>
            <td>{e.objectType ? `${OBJECT_LABELS[e.objectType] ?? "对象"} ${e.objectId ?? ""}` : "—"}</td>
            {orgNames ? <td>{e.orgId ? (orgNames.get(e.orgId) ?? e.orgId) : "—"}</td> : null}
            <td class="small">{auditSentence(e, roleWords(e.actorRole))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditPage(p: {
  user: SessionUser;
  filters: Record<string, string>;
  errors: Errors;
  rows: AuditEventRow[];
  orgNames: Map<number, string>;
  prev: string | null;
  next: string | null;
  chain: Child;
}) {
  const f = p.filters;
  return (
    <Layout title="审计日志" user={p.user}>
      <h1>审计日志</h1>
      <AdminNav current="/admin/audit" />
      {p.chain}
      <ErrorSummary
        errors={p.errors}
        labels={{
          username: "操作人用户名",
          org: "社会组织",
          action: "操作类别",
          from: "起始日期",
          to: "截止日期",
        }}
      />
      <form method="get" action="/admin/audit" class="filters" novalidate>
        <TextField name="username" label="操作人用户名" errors={p.errors} value={f.username} maxlength={80} />
        <TextField
          name="org"
          label="社会组织（统一社会信用代码）"
          errors={p.errors}
          value={f.org}
          maxlength={18}
        />
        <SelectField
          name="action"
          label="操作类别"
          errors={p.errors}
          value={f.action}
          placeholder="全部"
          options={ACTION_FAMILIES}
        />
        <TextField name="from" label="起始日期" type="date" errors={p.errors} value={f.from} />
        <TextField name="to" label="截止日期" type="date" errors={p.errors} value={f.to} />
        <button type="submit">筛选</button>
      </form>
      <AuditTable rows={p.rows} orgNames={p.orgNames} />
      <Pager prev={p.prev} next={p.next} />
    </Layout>
  );
}

// ---------------------------------------------------------------- organization portal and registrar

export function OrgUsersPage(p: {
  user: SessionUser;
  orgName: string;
  rows: UserRow[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <Layout title="本单位账号" user={p.user}>
      <h1>本单位账号</h1>
      <p class="lead">{p.orgName}</p>
      <Flash notice={p.notice} />
      <AccountTable rows={p.rows.map((u) => ({ user: u }))} viewer={p.user} manageBase="/portal/users" />
      <h2 id="new">邀请同事</h2>
      <p class="muted">被邀请的同事可以填报本单位的年检和登记事项，不能管理账号。</p>
      <ErrorSummary errors={p.errors} labels={ACCOUNT_LABELS} />
      <form method="post" action="/portal/users" class="narrow-form" novalidate>
        <AccountFields values={p.values} errors={p.errors} />
        <button type="submit">生成邀请（激活链接）</button>
      </form>
    </Layout>
  );
}

export function PortalHome(p: {
  user: SessionUser;
  org: { name: string; uscc: string; statusLabel: string; authorityName: string };
  inspectionPanel?: Child;
  party?: { pending: boolean; alert: "term_due" | "term_overdue" | null };
}) {
  return (
    <Layout title="本单位工作台" user={p.user}>
      <h1>本单位工作台</h1>
      <dl class="summary">
        <dt>名称</dt>
        <dd>
          <a href={`/orgs/${p.org.uscc}`}>{p.org.name}</a>
        </dd>
        <dt>统一社会信用代码</dt>
        <dd>{p.org.uscc}</dd>
        <dt>登记状态</dt>
        <dd>{p.org.statusLabel}</dd>
        <dt>登记管理机关</dt>
        <dd>{p.org.authorityName}</dd>
      </dl>
      {p.inspectionPanel ?? null}
      <h2>常用</h2>
      <ul>
        <li>
          <a href="/portal/applications">登记事项（变更登记、章程核准、注销登记）</a>
        </li>
        <li>
          <a href="/portal/party">党建工作台账（党组织、党员人数、活动记录）</a>
          {p.party?.pending ? <span class="tag neutral">变更待确认</span> : null}
          {p.party?.alert === "term_overdue" ? <span class="tag stop">委员会任期已届满</span> : null}
          {p.party?.alert === "term_due" ? <span class="tag warn">委员会任期即将届满</span> : null}
        </li>
        {p.user.isOrgAdmin ? (
          <li>
            <a href="/portal/users">本单位账号（邀请、停用同事）</a>
          </li>
        ) : null}
        <li>
          <a href="/account">我的账号（密码、登录设备）</a>
        </li>
      </ul>
    </Layout>
  );
}

export function RegistrarHome(p: {
  user: SessionUser;
  authorityName: string;
  readable: { code: string; name: string; own: boolean }[];
  counts: { active: number; orgAccounts: number; applications: number };
  party?: { total: number; organizational: number; work: number; pending: number; overdue: number };
  zombie?: { candidates: number; open: number; closedThisYear: Partial<Record<ZombieOutcome, number>> };
  links?: Child;
}) {
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);
  return (
    <Layout title="登记管理机关工作台" user={p.user}>
      <h1>登记管理机关工作台</h1>
      <p class="lead">{p.authorityName}</p>
      <dl class="summary">
        <dt>本机关登记的正常状态组织</dt>
        <dd>{p.counts.active.toLocaleString("zh-CN")} 家</dd>
        <dt>已开设的社会组织账号</dt>
        <dd>{p.counts.orgAccounts.toLocaleString("zh-CN")} 个</dd>
      </dl>
      <h2>登记</h2>
      <ul>
        <li>
          <a href="/registrar/applications">登记申请待办（成立、变更、章程核准、注销）</a>
          {p.counts.applications > 0 ? <span class="tag warn">{p.counts.applications} 件待审查</span> : null}
        </li>
        <li>
          <a href="/registrar/import">导入登记信息（CSV）</a> · 导出本机关登记信息：
          <a href="/registrar/export.csv">CSV</a> / <a href="/registrar/export.xlsx">Excel</a>
        </li>
      </ul>
      <h2>信用管理</h2>
      <ul>
        <li>
          <a href="/registrar/credit">
            信用名单（活动异常名录、严重违法失信名单）：候选、事先告知、异议、决定与移出
          </a>
        </li>
        <li>
          <a href="/registrar/zombies">僵尸型社会组织候选：连续未参检、证书后一年内无活动、无法联系</a>
          {p.zombie ? `（${p.zombie.candidates} 个）` : ""}
        </li>
        {p.zombie ? (
          <li>
            <a href="/registrar/zombies/cases">僵尸型社会组织处置案件</a>：未结 {p.zombie.open} 件；今年已结{" "}
            {Object.values(p.zombie.closedThisYear).reduce((n, v) => n + (v ?? 0), 0)} 件
            {Object.keys(p.zombie.closedThisYear).length > 0
              ? `（${(Object.entries(p.zombie.closedThisYear) as [ZombieOutcome, number][])
                  .map(([o, n]) => `${ZOMBIE_OUTCOME_LABELS[o]} ${n}`)
                  .join("，")}）`
              : ""}
          </li>
        ) : null}
      </ul>
      {p.party ? (
        <>
          <h2>党建工作</h2>
          <ul>
            <li>
              <a href="/party">两个覆盖</a>：组织覆盖 {pct(p.party.organizational, p.party.total)}（
              {p.party.organizational} / {p.party.total} 家），工作覆盖 {pct(p.party.work, p.party.total)}（
              {p.party.work} / {p.party.total} 家）
              {p.party.pending > 0 ? <span class="tag warn">{p.party.pending} 项台账变更待确认</span> : null}
              {p.party.overdue > 0 ? (
                <span class="tag stop">{p.party.overdue} 个委员会任期已逾期</span>
              ) : null}
            </li>
            <li>
              <a href="/party/cadres">领导干部兼职登记与检查</a>
            </li>
          </ul>
        </>
      ) : null}
      {p.links ?? null}
      <p>
        <a href="/registrar/statistics">统计分析</a>：登记、年检、信用名单、僵尸型组织处置和党建的数字与图表。
      </p>
      <h2>查找社会组织</h2>
      <form method="get" action="/registrar/orgs" class="filters">
        <div class="field">
          <label for="q">名称或统一社会信用代码</label>
          <input type="search" id="q" name="q" maxlength={100} />
        </div>
        <div class="field">
          <label for="authority">登记管理机关</label>
          <select id="authority" name="authority">
            {p.readable.map((a) => (
              <option value={a.code} selected={a.own}>
                {a.name}
                {a.own ? "" : "（只读）"}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">查找</button>
      </form>
    </Layout>
  );
}

export function RegistrarOrgList(p: {
  user: SessionUser;
  q: string;
  authorityName: string;
  rows: { uscc: string; name: string; statusLabel: string }[];
  total: string;
  prev: string | null;
  next: string | null;
}) {
  return (
    <Layout title="社会组织" user={p.user}>
      <h1>社会组织</h1>
      <p class="lead">
        {p.authorityName}
        {p.q ? `：“${p.q}”` : ""}，共 {p.total} 家
      </p>
      <p>
        <a href="/registrar">返回工作台</a>
      </p>
      {p.rows.length === 0 ? (
        <p class="empty-state">没有找到符合条件的社会组织。</p>
      ) : (
        <ul class="results">
          {p.rows.map((r) => (
            <li>
              <a class="org-name" href={`/registrar/orgs/${r.uscc}`}>
                {r.name}
              </a>
              <span class="meta">
                {r.uscc} · {r.statusLabel}
              </span>
            </li>
          ))}
        </ul>
      )}
      <nav class="pagination" aria-label="分页">
        {p.prev ? <a href={p.prev}>上一页</a> : null}
        {p.next ? <a href={p.next}>下一页</a> : null}
      </nav>
    </Layout>
  );
}

export function RegistrarOrgPage(p: {
  user: SessionUser;
  org: {
    uscc: string;
    name: string;
    statusLabel: string;
    authorityName: string;
    legalRepresentative: string;
  };
  canAct: boolean;
  accounts: UserRow[];
  mayCreateFirst: boolean;
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
  audit: AuditEventRow[];
  auditNext: string | null;
  auditPrev: string | null;
  /** Registration panels: the change history, the 撤销 decision (views/registration/registrar-org.tsx). */
  children?: Child;
}) {
  const base = `/registrar/orgs/${p.org.uscc}`;
  return (
    <Layout title={p.org.name} user={p.user}>
      <h1>{p.org.name}</h1>
      <Flash notice={p.notice} />
      {p.canAct ? null : (
        <p class="notice warning">该组织由{p.org.authorityName}登记，本机关只能查看，不能办理。</p>
      )}
      <dl class="summary">
        <dt>统一社会信用代码</dt>
        <dd>{p.org.uscc}</dd>
        <dt>登记状态</dt>
        <dd>{p.org.statusLabel}</dd>
        <dt>登记管理机关</dt>
        <dd>{p.org.authorityName}</dd>
        <dt>法定代表人</dt>
        <dd>{p.org.legalRepresentative || "—"}</dd>
      </dl>
      <p>
        <a href={`/orgs/${p.org.uscc}`}>查看公开信息页</a>
      </p>

      <h2 id="accounts">单位账号</h2>
      <AccountTable
        rows={p.accounts.map((u) => ({ user: u }))}
        viewer={p.user}
        manageBase={p.canAct ? "/registrar/users" : null}
      />
      {p.canAct && p.mayCreateFirst ? (
        <>
          <h3 id="new">开设单位管理员账号</h3>
          <p class="muted">该组织还没有可用的单位管理员账号。开设后，由单位管理员邀请本单位其他同事。</p>
          <ErrorSummary errors={p.errors} labels={ACCOUNT_LABELS} />
          <form method="post" action={`${base}/accounts`} class="narrow-form" novalidate>
            <AccountFields values={p.values} errors={p.errors} />
            <button type="submit">开设账号并生成激活链接</button>
          </form>
        </>
      ) : null}

      {p.children ?? null}
      <h2 id="audit">操作记录（审计日志）</h2>
      <AuditTable rows={p.audit} />
      <Pager prev={p.auditPrev} next={p.auditNext} />
    </Layout>
  );
}

export function SupervisorHome(p: {
  user: SessionUser;
  unitName: string;
  rows: { uscc: string; name: string; statusLabel: string; authorityName: string }[];
  total: number;
  page: number;
  pages: number;
  links?: Child;
}) {
  return (
    <Layout title="业务主管单位工作台" user={p.user}>
      <h1>业务主管单位工作台</h1>
      <p class="lead">{p.unitName}</p>
      {p.links ?? null}
      <h2>主管的社会组织（{p.total.toLocaleString("zh-CN")} 家）</h2>
      {p.rows.length === 0 ? (
        <p class="empty-state">本单位目前没有主管的社会组织。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">统一社会信用代码</th>
              <th scope="col">状态</th>
              <th scope="col">登记管理机关</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/orgs/${r.uscc}`}>{r.name}</a>
                </td>
                <td>{r.uscc}</td>
                <td>{r.statusLabel}</td>
                <td>{r.authorityName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.pages > 1 ? (
        <nav class="pagination" aria-label="分页">
          {p.page > 1 ? <a href={`/supervisor?page=${p.page - 1}`}>上一页</a> : null}
          <span>
            第 {p.page} / {p.pages} 页
          </span>
          {p.page < p.pages ? <a href={`/supervisor?page=${p.page + 1}`}>下一页</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
