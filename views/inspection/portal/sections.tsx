import {
  BRANCH_KIND_LABELS,
  CADRE_LEVEL_LABELS,
  FINANCE_FIELD_LABELS,
  FINANCE_FIELDS,
  type InspectionReport,
  MEETING_KIND_LABELS,
  PARTY_ORG_TYPE_LABELS,
  POST_KIND_LABELS,
  type ReportSection,
  SECTION_LABELS,
} from "../../../src/domain/inspection-report";
import type { Check } from "../../../src/domain/prechecks";

/**
 * The report's sections as forms (R-C5), described as data and rendered by one component, so every section behaves
 * the same: labels, hints, the message next to each field, spare rows for lists, and one save per section.
 * Field names are paths relative to the section (src/inspection/form.ts turns them back into the section's object).
 */
type Kind =
  | "text"
  | "textarea"
  | "date"
  | "money"
  | "count"
  | "checkbox"
  | "yesno"
  | { options: Record<string, string> };

interface FieldSpec {
  name: string;
  label: string;
  kind: Kind;
  hint?: string;
}

interface ListSpec {
  name: string;
  label: string;
  fields: FieldSpec[];
  /** Empty rows offered for new entries. */
  spare: number;
}

interface SectionSpec {
  intro?: string;
  fields?: FieldSpec[];
  lists?: ListSpec[];
}

const f = (name: string, label: string, kind: Kind, hint?: string): FieldSpec => ({
  name,
  label,
  kind,
  hint,
});

export const SECTION_SPECS: Partial<Record<ReportSection, SectionSpec>> = {
  meetings: {
    intro:
      "本年度召开的会员（代表）大会、理事会、常务理事会、监事会，每次一行。章程规定的会议次数会自动核对。",
    lists: [
      {
        name: "items",
        label: "会议",
        spare: 3,
        fields: [
          f("kind", "会议类型", { options: MEETING_KIND_LABELS }),
          f("date", "会议日期", "date"),
          f("topic", "会议议题", "text"),
        ],
      },
    ],
  },
  termChange: {
    fields: [
      f("termYears", "每届任期（年）", "count"),
      f("currentTermStartedOn", "本届起始日期", "date"),
      f("currentTermEndsOn", "本届届满日期", "date"),
      f("heldThisYear", "本年度是否换届", "yesno"),
      f("heldOn", "换届日期", "date"),
      f("auditBeforeChange", "换届前已进行财务审计", "checkbox"),
      f("lastGeneralAssemblyOn", "最近一次会员（代表）大会日期", "date"),
      f("overdueExplanation", "逾期未换届的说明", "textarea"),
    ],
    lists: [
      {
        name: "officers",
        label: "负责人",
        spare: 2,
        fields: [
          f("name", "姓名", "text"),
          f("post", "职务", "text"),
          f("postKind", "职务类别", { options: POST_KIND_LABELS }),
          f("birthDate", "出生日期", "date"),
          f("termsServed", "任职届数", "count"),
          f("isLegalRepresentative", "法定代表人", "checkbox"),
        ],
      },
    ],
  },
  staff: {
    fields: [
      f("fullTime", "专职工作人员人数", "count"),
      f("partTime", "兼职工作人员人数", "count"),
      f("volunteers", "志愿者人数", "count"),
      f("socialInsured", "参加社会保险人数", "count"),
    ],
  },
  branches: {
    intro: "没有分支机构、代表机构的，留空保存即可。",
    lists: [
      {
        name: "items",
        label: "机构",
        spare: 2,
        fields: [
          f("name", "名称", "text"),
          f("kind", "机构类别", { options: BRANCH_KIND_LABELS }),
          f("establishedOn", "设立日期", "date"),
          f("address", "地址", "text"),
        ],
      },
    ],
  },
  finances: {
    intro:
      "金额以元为单位，可写两位小数；全角数字和千位分隔符（如 １，２３４．５６）也可以。资产应等于负债加净资产，合计应等于各项之和。",
    fields: [
      ...FINANCE_FIELDS.map((name) => f(name, FINANCE_FIELD_LABELS[name], "money")),
      ...FINANCE_FIELDS.map((name) =>
        f(
          `changeExplanations.${name}`,
          `${FINANCE_FIELD_LABELS[name]}：与上年相比变化较大的说明`,
          "textarea",
        ),
      ),
    ],
  },
  donations: {
    fields: [
      f("receivedTotal", "接受捐赠合计（元）", "money"),
      f("grantsTotal", "对外资助合计（元）", "money"),
    ],
    lists: [
      {
        name: "received",
        label: "较大额捐赠",
        spare: 2,
        fields: [
          f("donor", "捐赠方", "text"),
          f("amount", "金额（元）", "money"),
          f("date", "日期", "date"),
          f("inKind", "实物捐赠", "checkbox"),
          f("restricted", "限定用途", "checkbox"),
          f("purpose", "用途", "text"),
        ],
      },
      {
        name: "grants",
        label: "对外资助",
        spare: 2,
        fields: [
          f("recipient", "受助方", "text"),
          f("amount", "金额（元）", "money"),
          f("date", "日期", "date"),
          f("purpose", "用途", "text"),
        ],
      },
    ],
  },
  activities: {
    lists: [
      {
        name: "items",
        label: "重大活动",
        spare: 2,
        fields: [
          f("title", "活动名称", "text"),
          f("date", "日期", "date"),
          f("summary", "活动情况", "text"),
          f("reported", "已事先报告", "checkbox"),
        ],
      },
    ],
  },
  partyBuilding: {
    intro: "正式党员 3 名以上的应建立党支部；不足 3 名的可建立联合党支部或选派党建工作指导员。",
    fields: [
      f("hasPartyOrg", "是否建立党组织", "yesno"),
      f("orgType", "党组织类型", { options: PARTY_ORG_TYPE_LABELS }),
      f("orgName", "党组织名称", "text"),
      f("coveredUnits", "联合党支部覆盖单位数", "count"),
      f("fullMembers", "正式党员人数", "count"),
      f("probationaryMembers", "预备党员人数", "count"),
      f("activists", "入党积极分子人数", "count"),
      f("hasBranchCommittee", "设立支部委员会", "checkbox"),
      f("committeeSize", "支部委员会委员人数", "count"),
      f("secretaryName", "党组织书记姓名", "text"),
      f("secretaryIsOfficer", "书记是本组织负责人", "checkbox"),
      f("hasInstructor", "是否有党建工作指导员", "yesno"),
      f("instructorName", "党建工作指导员姓名", "text"),
      f("instructorUnit", "党建工作指导员所在单位", "text"),
    ],
  },
  cadres: {
    intro: "在本组织兼任职务的党政领导干部（含退（离）休），每人一行。没有的留空保存。",
    lists: [
      {
        name: "items",
        label: "兼职干部",
        spare: 1,
        fields: [
          f("name", "姓名", "text"),
          f("post", "所任职务", "text"),
          f("postKind", "职务类别", { options: POST_KIND_LABELS }),
          f("cadreLevel", "干部职级", { options: CADRE_LEVEL_LABELS }),
          f("retired", "已退（离）休", "yesno"),
          f("birthDate", "出生日期", "date"),
          f("termsServed", "任职届数", "count"),
          f("approvalRecord", "审批情况（批准文号）", "text"),
          f("paid", "领取薪酬", "yesno"),
          f("isLegalRepresentative", "担任法定代表人", "checkbox"),
          f("socialGroupPosts", "兼任社团职务总数", "count"),
        ],
      },
    ],
  },
  declaration: {
    intro: "本单位承诺所填内容真实、准确、完整，并对其真实性负责。签字页扫描件可在下方“附件”上传。",
    fields: [
      f("agreed", "本单位承诺所填内容真实、准确、完整", "checkbox"),
      f("signedBy", "法定代表人签名", "text"),
      f("signedOn", "签署日期", "date"),
    ],
  },
  rectification: {
    intro:
      "上年度年检基本合格、不合格或未参检，或有未完成的整改通知的，须提交整改报告，可在下方上传整改报告文件。",
    fields: [f("text", "整改情况", "textarea")],
  },
};

/** Reads a dotted path from a section's saved object. */
function at(obj: unknown, path: string): unknown {
  if (path.startsWith("changeExplanations.")) {
    return (obj as { changeExplanations?: Record<string, unknown> } | undefined)?.changeExplanations?.[
      path.slice("changeExplanations.".length)
    ];
  }
  let cur: unknown = obj;
  for (const k of path.split(".")) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function display(value: unknown, kind: Kind): string {
  if (value === undefined || value === null) return "";
  if (kind === "money" && typeof value === "number") return (value / 100).toFixed(2);
  if (kind === "yesno" && typeof value === "boolean") return value ? "true" : "false";
  if (kind === "checkbox") return value === true ? "1" : "";
  return String(value);
}

export type RawForm = Record<string, string | string[]>;

interface InputProps {
  section: ReportSection;
  spec: FieldSpec;
  name: string;
  value: string;
  error?: string;
  readonly: boolean;
  compact?: boolean;
}

/** One input; its id is `section.path` so checks and error summaries can link to it. */
function Input(p: InputProps) {
  const id = `${p.section}.${p.name}`;
  const describedBy = p.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: p.name,
    "aria-describedby": describedBy,
    "aria-invalid": p.error ? "true" : undefined,
    disabled: p.readonly,
  } as const;
  const k = p.spec.kind;
  let control: unknown;
  if (k === "textarea")
    control = (
      <textarea rows={3} {...common}>
        {p.value}
      </textarea>
    );
  else if (k === "checkbox") {
    control = (
      <>
        <input type="hidden" name={p.name} value="0" disabled={p.readonly} />
        <input type="checkbox" value="1" checked={p.value === "1"} {...common} />
      </>
    );
  } else if (k === "yesno") {
    control = (
      <select {...common}>
        <option value="">请选择</option>
        <option value="true" selected={p.value === "true"}>
          是
        </option>
        <option value="false" selected={p.value === "false"}>
          否
        </option>
      </select>
    );
  } else if (typeof k === "object") {
    control = (
      <select {...common}>
        <option value="">请选择</option>
        {Object.entries(k.options).map(([value, label]) => (
          <option value={value} selected={p.value === value}>
            {label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        type={k === "date" ? "date" : "text"}
        inputmode={k === "money" ? "decimal" : k === "count" ? "numeric" : undefined}
        value={p.value}
        {...common}
      />
    );
  }
  return (
    <div class={`field ${p.error ? "field-error" : ""} ${k === "checkbox" ? "checkbox" : ""}`}>
      {k === "checkbox" ? null : (
        <label for={id} class={p.compact ? "visually-hidden" : undefined}>
          {p.spec.label}
        </label>
      )}
      {p.spec.hint && !p.compact ? <p class="hint">{p.spec.hint}</p> : null}
      {p.error ? (
        <p class="error-message" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {control as never}
      {k === "checkbox" ? (
        <label for={id} class={p.compact ? "visually-hidden" : undefined}>
          {p.spec.label}
        </label>
      ) : null}
    </div>
  );
}

export interface SectionFormProps {
  filingId: number;
  base: string;
  section: ReportSection;
  report: InspectionReport;
  version: number;
  /** The form as posted, after a refused save (so nothing typed is lost). */
  raw?: RawForm | null;
  /** Field path (relative to the section) → message. */
  errors?: Record<string, string>;
  /** Pre-review checks of this section. */
  checks: Check[];
  /** The reviewer's comment on this section in the open correction. */
  comment?: string | null;
  editable: boolean;
  saved?: boolean;
  changed?: boolean;
  /** Values offered for a section not saved yet (the party ledger, the cadre register: R-F3). */
  prefill?: Partial<InspectionReport>;
  /** The organization asked to refill this section from the ledger (the saved values are not shown). */
  fromLedger?: boolean;
  /** Where the saved section departs from the confirmed party ledger. */
  ledgerDifferences?: string[];
}

/** The section's values: as saved, else (or when asked) as offered from the ledger. */
const sectionValue = (p: SectionFormProps) =>
  p.fromLedger && p.prefill?.[p.section] !== undefined
    ? p.prefill[p.section]
    : (p.report[p.section] ?? p.prefill?.[p.section]);

function fieldValue(p: SectionFormProps, name: string, kind: Kind): string {
  if (p.raw) {
    const v = p.raw[name];
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (kind === "checkbox") return last === "1" || last === "on" ? "1" : "";
    return last ?? "";
  }
  return display(at(sectionValue(p), name), kind);
}

/** One section: its comment, its checks, its fields and lists, and its own save button. */
export function SectionForm(p: SectionFormProps) {
  const spec = SECTION_SPECS[p.section];
  if (!spec) return null;
  const errors = p.errors ?? {};
  const saved = p.report[p.section] !== undefined;
  const blocks = p.checks.filter((c) => c.severity === "block");
  const warnings = p.checks.filter((c) => c.severity !== "block");
  const action = `${p.base}/sections/${p.section}`;
  return (
    <section id={`section-${p.section}`} class="report-section" aria-labelledby={`${p.section}-heading`}>
      <h2 id={`${p.section}-heading`}>
        {SECTION_LABELS[p.section]}{" "}
        {saved ? <span class="tag ok">已保存</span> : <span class="tag neutral">未填写</span>}
        {p.saved ? (
          <span class="tag ok" role="status">
            刚刚保存
          </span>
        ) : null}
      </h2>
      {p.comment ? (
        <p class="notice warning">
          <strong>登记管理机关意见：</strong>
          {p.comment}
        </p>
      ) : null}
      {spec.intro ? <p class="hint">{spec.intro}</p> : null}
      {saved &&
      p.editable &&
      !p.fromLedger &&
      p.prefill?.[p.section] !== undefined &&
      (p.ledgerDifferences?.length ?? 0) > 0 ? (
        <div class="notice warning">
          <p>本节与党建工作台账（已确认的信息）不一致：</p>
          <ul>
            {p.ledgerDifferences!.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
          <p>
            <a href={`${p.base}?fromLedger=${p.section}#section-${p.section}`}>按台账重新填入本节</a>
            ，核对后保存；台账有误的，请在<a href="/portal/party">党建工作台账</a>中报送变更。
          </p>
        </div>
      ) : null}
      {(!saved || p.fromLedger) && p.editable && p.prefill?.[p.section] !== undefined ? (
        <p class="notice">
          {p.section === "cadres"
            ? "以下内容已按登记管理机关的领导干部兼职登记预填，请核对后保存。"
            : "以下内容已按本单位党建工作台账（已确认的信息）预填，请核对后保存。党组织、书记等有变化的，请先在"}
          {p.section === "partyBuilding" ? (
            <>
              <a href="/portal/party">党建工作台账</a>中报送变更。
            </>
          ) : null}
        </p>
      ) : null}
      {blocks.length + warnings.length > 0 ? (
        <ul class="checks">
          {[...blocks, ...warnings].map((c) => (
            <li>
              <span class={`tag ${c.severity === "block" ? "stop" : "warn"}`}>
                {c.severity === "block" ? "必须修改" : "请注意"}
              </span>{" "}
              <a href={`#${c.field}`}>{c.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h3>“{SECTION_LABELS[p.section]}”未保存，请修改以下内容</h3>
          <ul>
            {Object.entries(errors).map(([k, m]) => (
              <li>
                <a href={`#${p.section}.${k}`}>{m}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        method="post"
        action={action}
        novalidate
        hx-post={action}
        hx-target={`#section-${p.section}`}
        hx-swap="outerHTML"
      >
        <input type="hidden" name="version" value={String(p.version)} />
        <fieldset disabled={!p.editable}>
          <legend class="visually-hidden">{SECTION_LABELS[p.section]}</legend>
          {p.section === "finances" ? (
            <FinanceFields {...p} errors={errors} />
          ) : (
            (spec.fields ?? []).map((field) => (
              <Input
                section={p.section}
                spec={field}
                name={field.name}
                value={fieldValue(p, field.name, field.kind)}
                error={errors[field.name]}
                readonly={!p.editable}
              />
            ))
          )}
          {(spec.lists ?? []).map((list) => (
            <ListTable {...p} list={list} errors={errors} />
          ))}
        </fieldset>
        {p.editable ? (
          <button type="submit" class="button secondary">
            保存“{SECTION_LABELS[p.section]}”
          </button>
        ) : null}
      </form>
    </section>
  );
}

function FinanceFields(p: SectionFormProps & { errors: Record<string, string> }) {
  const groups: [string, string][] = [
    ["balance.", "资产负债"],
    ["income.", "收入"],
    ["expenses.", "费用"],
  ];
  return (
    <>
      {groups.map(([prefix, label]) => (
        <fieldset class="money-group">
          <legend>{label}</legend>
          {FINANCE_FIELDS.filter((n) => n.startsWith(prefix)).map((name) => (
            <Input
              section="finances"
              spec={f(name, FINANCE_FIELD_LABELS[name], "money")}
              name={name}
              value={fieldValue(p, name, "money")}
              error={p.errors[name]}
              readonly={!p.editable}
            />
          ))}
        </fieldset>
      ))}
      <details
        open={FINANCE_FIELDS.some(
          (n) => p.errors[`changeExplanations.${n}`] || fieldValue(p, `changeExplanations.${n}`, "textarea"),
        )}
      >
        <summary>与上年相比变化较大的说明（预审提示需要时填写）</summary>
        {FINANCE_FIELDS.map((name) => (
          <Input
            section="finances"
            spec={f(`changeExplanations.${name}`, `${FINANCE_FIELD_LABELS[name]}的变化说明`, "textarea")}
            name={`changeExplanations.${name}`}
            value={fieldValue(p, `changeExplanations.${name}`, "textarea")}
            error={p.errors[`changeExplanations.${name}`]}
            readonly={!p.editable}
          />
        ))}
      </details>
    </>
  );
}

/** No list in a report section is longer (the schemas' own maximums are 200–1,000). */
const MAX_ECHOED_ROWS = 1000;

function ListTable(p: SectionFormProps & { list: ListSpec; errors: Record<string, string> }) {
  const saved = (at(sectionValue(p), p.list.name) as unknown[] | undefined) ?? [];
  const rawRows = p.raw
    ? Math.max(
        0,
        ...Object.keys(p.raw)
          .map((k) => k.match(new RegExp(`^${p.list.name}\\.(\\d+)\\.`))?.[1])
          .filter(Boolean)
          .map((n) => Number(n) + 1),
      )
    : 0;
  // A posted form is echoed back only after a refused save of declared fields; the cap is a second guard.
  const rows = Math.min(Math.max(saved.length, rawRows), MAX_ECHOED_ROWS) + (p.editable ? p.list.spare : 0);
  return (
    <div class="list-table">
      <h3>{p.list.label}</h3>
      {rows === 0 ? <p class="empty-state">无。</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            {p.list.fields.map((field) => (
              <th scope="col">{field.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr>
              <td>{i + 1}</td>
              {p.list.fields.map((field) => {
                const name = `${p.list.name}.${i}.${field.name}`;
                return (
                  <td>
                    <Input
                      section={p.section}
                      spec={{ ...field, label: `第 ${i + 1} 行${field.label}` }}
                      name={name}
                      value={fieldValue(p, name, field.kind)}
                      error={p.errors[name]}
                      readonly={!p.editable}
                      compact
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {p.editable ? <p class="hint">需要更多行：先保存，保存后会再出现空行。整行留空的不会保存。</p> : null}
    </div>
  );
}
