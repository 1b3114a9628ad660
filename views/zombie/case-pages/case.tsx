/** One case: what was done, the steps open now, contacts and history (R-E2, R-E3). */
import type { SessionUser } from "../../../src/context";
import {
  ZOMBIE_CASE_STATE_LABELS,
  ZOMBIE_OUTCOME_LABELS,
  type ZombieCaseAction,
  type ZombieOutcome,
} from "../../../src/domain/zombie-case";
import type { ZombieCaseView } from "../../../src/zombie/contract";
import { cnDate } from "../../components/dates";
import { ErrorSummary, type Errors, Flash, formatDateTime, TextField } from "../../components/form";
import { MissingCalendar } from "../../components/missing-calendar";
import { choicesOf, SelectField } from "../../components/select";
import { EmptyState } from "../../components/table";
import { Layout } from "../../layout";
import { ACTION_HINTS, STEP_LABELS, StepFields } from "./steps";

/** A countdown in working days: "还剩 3 个工作日", "今天截止", then `past` ("已届满", "已逾期 2 个工作日"). */
const left = (n: number, past: (days: number) => string) =>
  n > 0 ? `还剩 ${n} 个工作日` : n === 0 ? "今天截止" : past(-n);

const CONTACT_KINDS: Record<string, string> = {
  phone: "电话",
  visit: "实地走访",
  letter: "信件",
  other: "其他",
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
              {c.notice.documentNo}，期限 {cnDate(c.notice.deadline)}
              {c.noticeLeft !== null ? `（${left(c.noticeLeft, (d) => `已逾期 ${d} 个工作日`)}）` : ""}，
              {c.notice.state === "accepted" ? "已验收" : "未验收"}{" "}
              <MissingCalendar years={c.uncalendared.notice} />
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
              {c.windowLeft !== null ? `（${left(c.windowLeft, () => "已届满")}）` : ""}
              <MissingCalendar years={c.uncalendared.window} />
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
          {c.uncalendared.steps.length > 0 ? (
            <p>
              本步骤将设定的期限 <MissingCalendar years={c.uncalendared.steps} />
            </p>
          ) : null}
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
          <EmptyState>尚无联系记录。</EmptyState>
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
            <SelectField name="kind" label="方式" options={choicesOf(CONTACT_KINDS)} />
            <TextField name="on" label="日期" type="date" errors={e} attrs={{ max: c.today }} />
            <TextField name="byName" label="经办人" errors={e} value={p.user.displayName} maxlength={50} />
            <div class="field checkbox">
              <input type="checkbox" id="reached" name="reached" value="1" />
              <label for="reached">联系上了</label>
            </div>
            <TextField name="outcome" label="结果" errors={e} maxlength={500} />
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
