import type { SessionUser } from "../../src/context";
import type { PublicEntry } from "../../src/credit/contract";
import { pastViewBanner } from "../../src/domain/as-of";
import { type GradeRecord, gradeRecordText } from "../../src/domain/evaluation";
import { formatFen } from "../../src/domain/money";
import type { OrgDetail, OrgNotice } from "../../src/registry/contract";
import {
  ANNOUNCEMENT_LABELS,
  CAPITAL_LABELS,
  STATUS_LABELS,
  SUPERVISION_LABELS,
  TYPE_LABELS,
} from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import { EmptyState } from "../components/table";
import { CreditEntries } from "../credit/entries";
import { InspectionHistory, type PublicInspection } from "../inspection/public/history";
import { Layout } from "../layout";
import { SearchForm, SearchResults, type SearchViewProps, StatusTag } from "./search";

export function HomePage({ user, total }: { user: SessionUser | null; total: number }) {
  return (
    <Layout title="首页" user={user}>
      <div class="search-hero">
        <h1>查询社会组织</h1>
        <p class="lead">
          本系统公开示范市各级民政部门登记的社会团体、民办非企业单位（社会服务机构）和基金会的登记信息，现有{" "}
          {total.toLocaleString("en-US")} 个。
        </p>
        <search>
          <form method="get" action="/search">
            <label for="q">名称或统一社会信用代码</label>
            <p class="hint">例如：商会、爱心、自行车运动协会，或18位统一社会信用代码。</p>
            <div class="search-box">
              <input type="search" id="q" name="q" maxlength={200} autocomplete="off" />
              <button type="submit">查询</button>
            </div>
          </form>
        </search>
      </div>
      <h2>您还可以</h2>
      <ul>
        <li>
          <a href="/search">按类型、状态、登记管理机关和成立日期浏览全部社会组织</a>
        </li>
        <li>
          <a href="/data">下载开放数据（CSV、JSON 接口）</a>
        </li>
      </ul>
    </Layout>
  );
}

export function SearchPage(props: SearchViewProps & { user: SessionUser | null; asOf?: string }) {
  return (
    <Layout title={props.query.q ? `“${props.query.q}”的查询结果` : "查询社会组织"} user={props.user}>
      <h1>查询社会组织</h1>
      {props.asOf ? <PastViewBanner date={props.asOf} href="/search" /> : null}
      {props.errors.as_of ? (
        <div class="notice warning" role="alert">
          {props.errors.as_of}
        </div>
      ) : null}
      <SearchForm
        query={props.query}
        errors={props.errors}
        authorities={props.authorities}
        supervisors={props.supervisors}
      />
      <SearchResults
        query={props.query}
        result={props.result}
        errors={props.errors}
        usccProblem={props.usccProblem}
      />
    </Layout>
  );
}

/** Over a past view: which day it shows, and the way back to today. */
export function PastViewBanner({ date, href }: { date: string; href: string }) {
  return (
    <div class="notice warning past-view" role="status">
      <p>
        <strong>{pastViewBanner(date)}</strong>
      </p>
      <p>
        <a href={href}>查看当前状态</a>
      </p>
    </div>
  );
}

function Row({ label, children }: { label: string; children: unknown }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === null || children === undefined || children === "" ? "—" : (children as string)}</dd>
    </>
  );
}

export function OrgPage({
  detail,
  notices,
  inspections,
  credit,
  suspension,
  partyOrg,
  redList,
  evaluation,
  grades,
  today,
  user,
  asOf,
}: {
  /** R-G1, R-G2: every grade held, newest first; omitted: the register's current grade alone. */
  grades?: GradeRecord[];
  /** A past day: the page shows the register as it stood then (历史视图), with a banner and a link back to today. */
  asOf?: string;
  /** On the 红名单 (守信激励) since this day, or null. */
  redList?: { listedOn: string } | null;
  /** R-G1: why it may not be evaluated now (empty: it may); null for a terminated organization. */
  evaluation?: string[] | null;
  /** Whether it has a party organization (own or joint), where the locality publishes that; undefined: not shown. */
  partyOrg?: boolean | null;
  detail: OrgDetail;
  /** A 限期停止活动 running today (R-A9: a sanction flag, not a status). */
  suspension?: { from: string; to: string; department: string; documentNo: string } | null;
  /** Credit list entries (R-D8). */
  credit?: PublicEntry[];
  notices: OrgNotice[];
  /** 年检 history: year, conclusion, date. */
  inspections?: PublicInspection[];
  today: string;
  user: SessionUser | null;
}) {
  const { org, authority } = detail;
  const expired = org.certificateValidTo !== null && org.certificateValidTo < today;
  return (
    <Layout title={org.name} user={user}>
      <p class="muted">
        <a href="/search">查询社会组织</a> › 登记信息
      </p>
      {asOf ? <PastViewBanner date={asOf} href={`/orgs/${org.uscc}`} /> : null}
      <h1>
        {org.name} <StatusTag status={org.status} />
      </h1>
      {org.nameEn ? <p class="lead">{org.nameEn}</p> : null}
      {suspension ? (
        <div class="notice warning" role="note">
          该组织被{suspension.department}责令限期停止活动（{suspension.documentNo}），期限自{" "}
          {cnDate(suspension.from)} 至 {cnDate(suspension.to)}。
        </div>
      ) : null}
      {org.status !== "active" ? (
        <div class="notice warning">
          该组织已于 {cnDate(org.statusOn)} {STATUS_LABELS[org.status]}，不得再以该名义开展活动。
        </div>
      ) : null}
      <h2>登记信息</h2>
      <dl class="summary">
        <Row label="统一社会信用代码">{org.uscc}</Row>
        <Row label="类型">{TYPE_LABELS[org.type]}</Row>
        <Row label="状态">{`${STATUS_LABELS[org.status]}（${org.status === "active" ? "成立于" : "自"} ${cnDate(org.statusOn)}）`}</Row>
        <Row label="登记管理机关">{authority.name}</Row>
        <Row label="成立日期">{cnDate(org.registeredOn)}</Row>
        <Row label="法定代表人">{org.legalRepresentative}</Row>
        <Row label="住所">{org.address}</Row>
        <Row label={CAPITAL_LABELS[org.type]}>{`${formatFen(org.capitalFen)} 元`}</Row>
        <Row label="业务主管单位">
          {org.supervisionMode === "supervised"
            ? org.supervisor
            : `无（${SUPERVISION_LABELS[org.supervisionMode]}）${org.partyBuildingAuthority ? `，党建领导机关：${org.partyBuildingAuthority}` : ""}`}
        </Row>
        <Row label="宗旨">{org.purpose}</Row>
        <Row label="业务范围">{org.businessScope}</Row>
        <Row label="活动地域">{org.activityArea}</Row>
        {org.foundationKind ? (
          <Row label="基金会类别">{org.foundationKind === "public" ? "公募基金会" : "非公募基金会"}</Row>
        ) : null}
        {partyOrg === true || partyOrg === false ? (
          <Row label="党组织">{partyOrg ? "已建立（含联合党支部）" : "未建立"}</Row>
        ) : null}
        <Row label="慈善组织">
          {org.isCharity
            ? `是${org.publicFundraising ? "（具有公开募捐资格）" : "（不具有公开募捐资格）"}`
            : "否"}
        </Row>
        {redList ? <Row label="守信激励">{`列入红名单（${cnDate(redList.listedOn)} 起）`}</Row> : null}
        {evaluation ? (
          <Row label="参加评估">
            {evaluation.length === 0
              ? "符合参加评估的基本条件"
              : `暂不符合参加评估的条件：${evaluation.join("；")}`}
          </Row>
        ) : null}
        <Row label="评估等级">
          {org.rating
            ? org.ratingValidTo && org.ratingValidTo < today
              ? `${org.rating}（已于 ${cnDate(org.ratingValidTo)} 过期，不再有效）`
              : `${org.rating}${org.ratingValidTo ? `（有效期至 ${cnDate(org.ratingValidTo)}）` : ""}`
            : grades?.[0]?.state === "revoked"
              ? `无（原 ${grades[0].grade} 已于 ${cnDate(grades[0].endedOn)} 取消）`
              : "未评估"}
        </Row>
        {grades && grades.length > 0 ? (
          <Row label="评估等级记录">
            <ul>
              {grades.map((g) => (
                <li>{gradeRecordText(g, cnDate)}</li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
      <h2>登记证书</h2>
      <dl class="summary">
        <Row label="发证日期">{cnDate(org.certificateIssuedOn)}</Row>
        <dt>有效期</dt>
        <dd>
          {cnDate(org.certificateValidFrom)} 至 {cnDate(org.certificateValidTo)}
          {expired ? <span class="tag warn">已过期</span> : null}
        </dd>
      </dl>
      <p>
        <a href={`/orgs/${org.uscc}/certificate`}>登记证书（副本）</a> ·{" "}
        <a href={`/verify/${org.uscc}`}>核验证书是否有效</a>
      </p>
      <h2>联系方式</h2>
      <dl class="summary">
        <Row label="联系电话">{org.phone}</Row>
        <Row label="电子邮箱">{org.email}</Row>
        <dt>网址</dt>
        <dd>
          {org.website ? (
            <a href={org.website} rel="nofollow noopener">
              {org.website}
            </a>
          ) : (
            "—"
          )}
        </dd>
      </dl>
      {inspections ? <InspectionHistory items={inspections} /> : null}
      {credit ? <CreditEntries entries={credit} /> : null}
      <h2>公告</h2>
      {notices.length === 0 ? (
        <EmptyState>暂无公告。</EmptyState>
      ) : (
        <ol class="notice-list">
          {notices.map((n) => (
            <li>
              <p class="small muted">
                {cnDate(n.publishedOn)} · {ANNOUNCEMENT_LABELS[n.kind]}
                {n.documentNo ? ` · ${n.documentNo}` : ""}
              </p>
              <p>
                <strong>{n.title}</strong>
              </p>
              <p>{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      <p class="small muted">
        数据来源：{authority.name}。开放数据接口：
        <a href={`/api/v1/organizations/${org.uscc}`}>/api/v1/organizations/{org.uscc}</a>
      </p>
    </Layout>
  );
}

export function DataPage({ user }: { user: SessionUser | null }) {
  return (
    <Layout title="开放数据" user={user}>
      <h1>开放数据</h1>
      <p class="lead">
        社会组织登记信息免费开放，可用于查询、研究和再利用。接口无需登录，字段和取值保持稳定。
      </p>
      <h2>下载</h2>
      <ul>
        <li>
          <a href="/api/v1/organizations.csv">全部社会组织（CSV，UTF-8，可用 Excel、WPS 直接打开）</a>
        </li>
        <li>
          <a href="/api/v1/organizations.csv?status=active">状态为“正常”的社会组织（CSV）</a>
        </li>
        <li>
          <a href="/statistics">统计数据</a>：登记、成立与终止、年检结论、信用名单（图表、表格和 CSV；接口
          /api/v1/statistics）
        </li>
      </ul>
      <p>查询页面上的“下载本次查询结果”按当前条件导出全部结果。</p>
      <h2>接口</h2>
      <h3>查询：GET /api/v1/organizations</h3>
      <p>
        参数：<code>q</code>（名称任意部分或统一社会信用代码）、<code>type</code>（<code>social_group</code>{" "}
        社会团体、<code>private_non_enterprise</code> 民办非企业单位、
        <code>foundation</code> 基金会）、<code>status</code>（<code>active</code> 正常、
        <code>deregistered</code> 已注销、<code>revoked</code> 已撤销、<code>license_revoked</code> 已吊销）、
        <code>authority</code>
        （登记管理机关代码）、
        <code>registered_from</code>、<code>registered_to</code>（YYYY-MM-DD）、<code>page</code>、
        <code>per_page</code>（1–100，默认20）。
      </p>
      <p>
        示例：
        <a href="/api/v1/organizations?q=商会&amp;status=active">
          /api/v1/organizations?q=商会&amp;status=active
        </a>
      </p>
      <pre>{`{"total": 123, "total_capped": false, "page": 1, "per_page": 20,
 "items": [{"uscc": "…", "name": "…", "type": "social_group", "status": "active",
            "registered_on": "2015-03-01", "authority": {"code": "159900", "name": "示范市民政局"},
            "legal_representative": "…"}]}`}</pre>
      <p>
        超过10,000条时 <code>total</code> 为 10000、<code>total_capped</code> 为 <code>true</code>
        。参数有误时返回 400 及 error.fields 中的逐项说明。
      </p>
      <h3>单个组织：GET /api/v1/organizations/{"{统一社会信用代码}"}</h3>
      <p>
        在查询结果字段之外，还包括住所、业务范围、业务主管单位、注册资金（capital_yuan，如
        "30000.00"）、登记证书有效期和公告。代码格式有误返回 400（invalid_uscc），不存在返回 404。
      </p>
    </Layout>
  );
}
