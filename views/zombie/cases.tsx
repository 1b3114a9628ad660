/** Zombie cases: the list with the year's figures, 立案, one case with its steps (R-E2, R-E3), the public 公告. */
import type { SessionUser } from "../../src/context";
import {
  ZOMBIE_CASE_STATE_LABELS,
  ZOMBIE_CASE_STATES,
  ZOMBIE_OUTCOME_LABELS,
  type ZombieCaseAction,
  type ZombieOutcome,
} from "../../src/domain/zombie-case";
import type { ZombieCaseView } from "../../src/zombie/cases";
import type { CaseListRow } from "../../src/zombie/lists";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, FieldError, Flash, formatDateTime, PageLinks } from "../components/form";
import { Layout } from "../layout";

function Nav({ current }: { current: "list" | "cases" }) {
  return (
    <nav class="sub-nav" aria-label="僵尸型社会组织">
      <a href="/registrar/zombies" aria-current={current === "list" ? "page" : undefined}>
        候选名单
      </a>
      <a href="/registrar/zombies/cases" aria-current={current === "cases" ? "page" : undefined}>
        处置案件
      </a>
    </nav>
  );
}

export function CaseListPage(p: {
  user: SessionUser;
  rows: CaseListRow[];
  total: number;
  byState: Record<string, number>;
  byYear: { year: string; opened: number; outcome: string | null; n: number }[];
  state: string;
  page: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / 50));
  const years = [...new Set(p.byYear.map((y) => y.year))];
  const closed = (year: string, outcome: ZombieOutcome) =>
    p.byYear.find((y) => y.year === year && y.outcome === outcome)?.n ?? 0;
  return (
    <Layout title="僵尸型社会组织处置案件" user={p.user}>
      <h1>僵尸型社会组织处置案件</h1>
      <Nav current="cases" />
      <p>
        每个组织一案：立案后调查核实，依法作出限期整改、引导注销、撤销登记（慈善组织可吊销登记证书）或不属于僵尸型组织的处理，每一步都有记录。
      </p>
      <ul class="stat-grid">
        {ZOMBIE_CASE_STATES.map((s) => (
          <li>
            <a href={`/registrar/zombies/cases?state=${s}`} aria-current={p.state === s ? "true" : undefined}>
              <span class="stat-value">{p.byState[s] ?? 0}</span>
              <span class="stat-label">{ZOMBIE_CASE_STATE_LABELS[s]}</span>
            </a>
          </li>
        ))}
      </ul>
      <h2>按年度的处置情况</h2>
      {years.length === 0 ? (
        <div class="empty-state">尚无案件。</div>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">年度</th>
                {Object.values(ZOMBIE_OUTCOME_LABELS).map((l) => (
                  <th scope="col">{l}</th>
                ))}
                <th scope="col">未结</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr>
                  <th scope="row">{y}年</th>
                  {(Object.keys(ZOMBIE_OUTCOME_LABELS) as ZombieOutcome[]).map((o) => (
                    <td>{closed(y, o)}</td>
                  ))}
                  <td>{p.byYear.filter((r) => r.year === y).reduce((n, r) => n + r.opened, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>案件（{p.total} 件）</h2>
      {p.rows.length === 0 ? (
        <div class="empty-state">没有案件。在候选名单中点击“立案”开始处置。</div>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">组织</th>
                <th scope="col">状态</th>
                <th scope="col">立案日期</th>
                <th scope="col">期限</th>
                <th scope="col">跟进人</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/registrar/zombies/cases/${r.id}`}>{r.orgName}</a>
                    <br />
                    <span class="small muted">{r.uscc}</span>
                  </td>
                  <td>
                    {ZOMBIE_CASE_STATE_LABELS[r.state]}
                    {r.outcome ? `（${ZOMBIE_OUTCOME_LABELS[r.outcome]}）` : ""}
                  </td>
                  <td class="nowrap">{cnDate(r.openedOn)}</td>
                  <td class="nowrap">
                    {r.windowEndsOn && r.state === "notified" ? `陈述申辩至 ${cnDate(r.windowEndsOn)}` : "—"}
                  </td>
                  <td>{r.assigneeName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        page={p.page}
        pages={pages}
        link={(n) => `/registrar/zombies/cases?${p.state ? `state=${p.state}&` : ""}page=${n}`}
      />
    </Layout>
  );
}

const OPEN_LABELS = { uscc: "统一社会信用代码", evidence: "立案依据", form: "" };

export function OpenCasePage(p: {
  user: SessionUser;
  uscc: string;
  orgName: string | null;
  signals: string[];
  values: Record<string, string>;
  errors: Errors;
}) {
  return (
    <Layout title="立案" user={p.user}>
      <p class="muted">
        <a href="/registrar/zombies">候选名单</a> › 立案
      </p>
      <h1>僵尸型社会组织立案{p.orgName ? `：${p.orgName}` : ""}</h1>
      {p.signals.length > 0 ? (
        <>
          <p>系统信号（立案时一并记录）：</p>
          <ul>
            {p.signals.map((s) => (
              <li>{s}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>该组织目前没有系统信号；立案须写明登记管理机关掌握的事实和证据。</p>
      )}
      <form method="post" action="/registrar/zombies/cases" class="narrow-form" novalidate>
        <ErrorSummary errors={p.errors} labels={OPEN_LABELS} />
        <div class={`field ${p.errors.uscc ? "field-error" : ""}`}>
          <label for="uscc">统一社会信用代码</label>
          <FieldError errors={p.errors} name="uscc" />
          <input type="text" id="uscc" name="uscc" maxlength={18} value={p.values.uscc ?? p.uscc} />
        </div>
        <div class={`field ${p.errors.evidence ? "field-error" : ""}`}>
          <label for="evidence">立案依据（事实与证据：信件退回、走访、电话记录等）</label>
          <FieldError errors={p.errors} name="evidence" />
          <textarea id="evidence" name="evidence" rows={4} maxlength={2000}>
            {p.values.evidence ?? ""}
          </textarea>
        </div>
        <button type="submit">立案</button>
      </form>
    </Layout>
  );
}

const CONTACT_KINDS: Record<string, string> = {
  phone: "电话",
  visit: "实地走访",
  letter: "信件",
  other: "其他",
};

const ACTION_HINTS: Partial<Record<ZombieCaseAction, string>> = {
  order_rectification: "发出整改通知书（组织在门户中报送整改报告，验收后可结案）。",
  guide_deregistration: "通知组织依法申请注销登记；注销完成后结案。",
  serve_revocation_notice: "送达撤销登记的事先告知书；无法联系的，以公告方式送达（公告期满视为送达）。",
  decide_revocation:
    "陈述、申辩期限届满（或听证结束）后作出决定；决定同时撤销登记并发布公告，随后列入严重违法失信名单。",
};

export function CasePage(p: {
  user: SessionUser;
  c: ZombieCaseView;
  errors: Errors;
  message?: string | null;
  notice?: string | null;
}) {
  const c = p.c;
  const e = p.errors;
  return (
    <Layout title={`处置案件：${c.orgName}`} user={p.user}>
      <p class="muted">
        <a href="/registrar/zombies/cases">处置案件</a> › {c.orgName}
      </p>
      <h1>
        {c.orgName}：{ZOMBIE_CASE_STATE_LABELS[c.state as keyof typeof ZOMBIE_CASE_STATE_LABELS]}
        {c.outcome ? `（${ZOMBIE_OUTCOME_LABELS[c.outcome as ZombieOutcome]}）` : ""}
      </h1>
      <Flash notice={p.notice} message={p.message} failed="未能办理" />
      <dl class="summary">
        <dt>统一社会信用代码</dt>
        <dd>
          <a href={`/registrar/orgs/${c.uscc}`}>{c.uscc}</a>
        </dd>
        <dt>立案</dt>
        <dd>{cnDate(c.openedOn)}</dd>
        <dt>立案时的信号</dt>
        <dd class="pre-wrap">{c.signals}</dd>
        <dt>立案依据</dt>
        <dd class="pre-wrap">{c.evidence}</dd>
        <dt>跟进人</dt>
        <dd>{c.assigneeName ?? "未分配"}</dd>
        {c.notice ? (
          <>
            <dt>整改通知书</dt>
            <dd>
              {c.notice.documentNo}，期限 {cnDate(c.notice.deadline)}，
              {c.notice.state === "accepted" ? "已验收" : "未验收"}
            </dd>
          </>
        ) : null}
        {c.noticeServedOn ? (
          <>
            <dt>撤销事先告知</dt>
            <dd>
              {c.noticeDocumentNo}，
              {c.noticeMethod === "publication"
                ? `${cnDate(c.noticePublishedOn)}公告，${cnDate(c.noticeServedOn)}视为送达`
                : `${cnDate(c.noticeServedOn)}邮寄送达`}
              ；陈述、申辩和申请听证至 {cnDate(c.windowEndsOn)}
              {c.hearingRequestedOn ? `；${cnDate(c.hearingRequestedOn)}申请听证` : ""}
              {c.hearingHeldOn ? `；${cnDate(c.hearingHeldOn)}听证：${c.hearingOutcome}` : ""}
            </dd>
          </>
        ) : null}
        {c.decidedOn ? (
          <>
            <dt>决定</dt>
            <dd>
              {c.decisionKind === "license_revocation" ? "吊销登记证书" : "撤销登记"}，{c.decisionDocumentNo}
              ，{cnDate(c.decidedOn)}
            </dd>
          </>
        ) : null}
        {c.closedOn ? (
          <>
            <dt>结案</dt>
            <dd>
              {cnDate(c.closedOn)}
              {c.closeReason ? `：${c.closeReason}` : ""}
              {c.certificateNote ? `：${c.certificateNote}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {c.actions.length > 0 ? (
        <section aria-labelledby="steps-h">
          <h2 id="steps-h">办理</h2>
          <ErrorSummary
            errors={e}
            labels={{
              documentNo: "文号",
              reasons: "理由",
              note: "情况说明",
              facts: "事实",
              items: "整改事项",
              method: "送达方式",
              kind: "决定种类",
              form: "",
            }}
          />
          {c.actions.map((a) => (
            <form
              method="post"
              action={`/registrar/zombies/cases/${c.id}/act`}
              class="panel narrow-form"
              novalidate
            >
              <h3>{a.label}</h3>
              {ACTION_HINTS[a.action] ? <p class="hint">{ACTION_HINTS[a.action]}</p> : null}
              <input type="hidden" name="version" value={String(c.version)} />
              <input type="hidden" name="action" value={a.action} />
              <StepFields action={a.action} c={c} errors={e} />
              <button
                type="submit"
                class={a.action === "decide_revocation" ? "button danger" : "button secondary"}
              >
                {a.label}
              </button>
            </form>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">联系记录</h2>
        {c.contacts.length === 0 ? (
          <div class="empty-state">尚无联系记录。</div>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">方式</th>
                  <th scope="col">经办人</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {c.contacts.map((k) => (
                  <tr>
                    <td class="nowrap">{cnDate(k.on)}</td>
                    <td>{CONTACT_KINDS[k.kind] ?? "其他"}</td>
                    <td>{k.byName}</td>
                    <td>
                      {k.reached ? (
                        <span class="tag ok">联系上</span>
                      ) : (
                        <span class="tag warn">未联系上</span>
                      )}{" "}
                      {k.outcome}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {c.mayAct && c.state !== "closed" ? (
          <form
            method="post"
            action={`/registrar/zombies/cases/${c.id}/contacts`}
            class="narrow-form"
            novalidate
          >
            <h3>登记一次联系</h3>
            <div class="field">
              <label for="kind">方式</label>
              <select id="kind" name="kind">
                {Object.entries(CONTACT_KINDS).map(([v, l]) => (
                  <option value={v}>{l}</option>
                ))}
              </select>
            </div>
            <div class={`field ${e.on ? "field-error" : ""}`}>
              <label for="on">日期</label>
              <FieldError errors={e} name="on" />
              <input type="date" id="on" name="on" max={c.today} />
            </div>
            <div class={`field ${e.byName ? "field-error" : ""}`}>
              <label for="byName">经办人</label>
              <FieldError errors={e} name="byName" />
              <input type="text" id="byName" name="byName" maxlength={50} value={p.user.displayName} />
            </div>
            <div class="field checkbox">
              <input type="checkbox" id="reached" name="reached" value="1" />
              <label for="reached">联系上了</label>
            </div>
            <div class={`field ${e.outcome ? "field-error" : ""}`}>
              <label for="outcome">结果</label>
              <FieldError errors={e} name="outcome" />
              <input type="text" id="outcome" name="outcome" maxlength={500} />
            </div>
            <button type="submit" class="button secondary">
              登记
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="history-h">
        <h2 id="history-h">办理记录</h2>
        <ul class="timeline">
          {c.events.map((ev) => (
            <li>
              {formatDateTime(ev.at)} {ev.actorName ?? "系统"}：
              {ev.action === "open" ? "立案" : (STEP_LABELS[ev.action as ZombieCaseAction] ?? "办理")} →{" "}
              {ZOMBIE_CASE_STATE_LABELS[ev.toState as keyof typeof ZOMBIE_CASE_STATE_LABELS] ?? ""}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

const STEP_LABELS: Record<ZombieCaseAction, string> = {
  start_investigation: "开始调查核实",
  order_rectification: "责令限期整改",
  close_rectified: "整改完成结案",
  guide_deregistration: "引导办理注销",
  close_deregistered: "注销后结案",
  serve_revocation_notice: "送达撤销事先告知",
  record_hearing_request: "登记听证申请",
  record_hearing: "登记听证结果",
  decide_revocation: "作出撤销（吊销）决定",
  record_certificate: "证书印章收缴或作废，结案",
  close_not_zombie: "不属于僵尸型组织，结案",
};

function StepFields({ action, c, errors }: { action: ZombieCaseAction; c: ZombieCaseView; errors: Errors }) {
  const field = (name: string, label: string, area = false) => (
    <div class={`field ${errors[name] ? "field-error" : ""}`}>
      <label for={`${action}-${name}`}>{label}</label>
      <FieldError errors={errors} name={name} />
      {area ? (
        <textarea id={`${action}-${name}`} name={name} rows={3} maxlength={2000}></textarea>
      ) : (
        <input type="text" id={`${action}-${name}`} name={name} maxlength={60} />
      )}
    </div>
  );
  switch (action) {
    case "order_rectification":
      return (
        <>
          {field("documentNo", "整改通知书文号")}
          {field("facts", "查明的事实", true)}
          {field("items", "整改事项（每行一项：事项｜依据）", true)}
        </>
      );
    case "serve_revocation_notice":
      return (
        <>
          {field("documentNo", "事先告知书文号")}
          <div class="field">
            <label for={`${action}-method`}>送达方式</label>
            <select id={`${action}-method`} name="method">
              <option value="mail">邮寄送达</option>
              <option value="publication">公告送达（无法联系时）</option>
            </select>
          </div>
        </>
      );
    case "record_hearing":
      return field("note", "听证日期、参加人和结论", true);
    case "decide_revocation":
      return (
        <>
          {field("documentNo", "决定文号")}
          {c.isCharity ? (
            <div class="field">
              <label for={`${action}-kind`}>决定种类</label>
              <select id={`${action}-kind`} name="kind">
                <option value="revocation">撤销登记</option>
                <option value="license_revocation">吊销登记证书（慈善组织）</option>
              </select>
            </div>
          ) : null}
          {field("reasons", "事实和依据（写入公告）", true)}
        </>
      );
    case "record_certificate":
      return field("note", "登记证书、印章收缴或公告作废的情况", true);
    case "close_not_zombie":
      return field("reasons", "理由（发现的活动等）", true);
    default:
      return null;
  }
}

/** /notices-by-publication: 撤销 事先告知 served by 公告 (R-E3), with the period's start and end. */
export function PublicationsPage(p: {
  user: SessionUser | null;
  rows: {
    orgName: string;
    uscc: string;
    authorityName: string;
    documentNo: string;
    publishedOn: string;
    servedOn: string;
    windowEndsOn: string;
  }[];
  total: number;
  page: number;
  days: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / 20));
  return (
    <Layout title="公告送达" user={p.user}>
      <h1>公告送达</h1>
      <p>
        下列社会组织通过登记住所和法定代表人均无法联系，登记管理机关依法以公告方式送达撤销登记的事先告知书。自公告之日起满{" "}
        {p.days} 日视为送达；组织可在期限内提出陈述、申辩或申请听证。信用名单的事先告知公告见
        <a href="/credit/notices">信用名单事先告知公告</a>。
      </p>
      {p.rows.length === 0 ? (
        <div class="empty-state">目前没有公告送达的文书。</div>
      ) : (
        <ul class="notice-list">
          {p.rows.map((r) => (
            <li>
              <h2>关于拟撤销{r.orgName}登记的事先告知公告</h2>
              <p class="muted">
                {r.authorityName} · {r.documentNo} · 公告期 {cnDate(r.publishedOn)} 至 {cnDate(r.servedOn)} ·
                陈述申辩至 {cnDate(r.windowEndsOn)}
              </p>
              <p>
                {r.orgName}（统一社会信用代码 {r.uscc}
                ）：经核查，该组织长期未开展活动、无法取得联系，登记管理机关拟依法撤销其登记。
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks page={p.page} pages={pages} link={(n) => `/notices-by-publication?page=${n}`} />
    </Layout>
  );
}
