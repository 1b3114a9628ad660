import type { SessionUser } from "../../src/context";
import { CERTIFICATE_TITLES, type CertificateVerdict } from "../../src/domain/certificate";
import { cnDate } from "../../src/domain/dates";
import { formatFen } from "../../src/domain/money";
import type { OrgDetail } from "../../src/registry/contract";
import { CAPITAL_LABELS, STATUS_LABELS, supervisorWords } from "../../src/registry/labels";
import { SummaryList } from "../components/summary";
import { Layout } from "../layout";

/** The printable 登记证书（副本） with its QR code, and the public verification page the code points to. */
export function CertificatePage(p: {
  user?: SessionUser | null;
  detail: OrgDetail;
  verdict: CertificateVerdict;
  verifyUrl: string;
}) {
  const o = p.detail.org;
  return (
    <Layout title={`${o.name} 登记证书（副本）`} user={p.user}>
      <p class="no-print">
        <a href={`/orgs/${o.uscc}`}>← 登记信息</a> ·
        使用浏览器的“打印”功能打印本页。扫描二维码可核验证书是否有效。
      </p>
      <article class={`certificate ${p.verdict.valid ? "" : "void"}`}>
        <h1>{CERTIFICATE_TITLES[o.type]}</h1>
        <p class="certificate-copy">（副本）</p>
        {p.verdict.valid ? null : (
          <p class="certificate-void" role="status">
            作废或无效：{p.verdict.reason}
          </p>
        )}
        <SummaryList
          facts={[
            ["统一社会信用代码", o.uscc],
            ["名称", o.name],
            ["住所", o.address || "—"],
            ["法定代表人", o.legalRepresentative || "—"],
            ["业务范围", o.businessScope || "—"],
            ["活动地域", o.activityArea || "—"],
            [CAPITAL_LABELS[o.type], <>{formatFen(o.capitalFen)} 元</>],
            ["业务主管单位", supervisorWords(o.supervisionMode, o.supervisor)],
            [
              "有效期",
              <>
                {cnDate(o.certificateValidFrom)} 至 {cnDate(o.certificateValidTo)}
              </>,
            ],
          ]}
        />
        <div class="certificate-foot">
          <img
            class="qr"
            src={`/orgs/${o.uscc}/certificate/qr.svg`}
            alt={`核验二维码：${p.verifyUrl}`}
            width={150}
            height={150}
          />
          <p>
            登记管理机关：{p.detail.authority.name}
            <br />
            发证日期：{cnDate(o.certificateIssuedOn)}
            <br />
            <span class="small">核验地址：{p.verifyUrl}</span>
          </p>
        </div>
      </article>
    </Layout>
  );
}

export function VerifyPage(p: {
  user?: SessionUser | null;
  detail: OrgDetail;
  verdict: CertificateVerdict;
  today: string;
}) {
  const o = p.detail.org;
  return (
    <Layout title={`核验登记证书：${o.name}`} user={p.user}>
      <h1>登记证书核验</h1>
      <div class={`verdict ${p.verdict.valid ? "valid" : "invalid"}`} role="status">
        <p class="verdict-head">{p.verdict.valid ? "✓ 证书有效" : "✗ 证书无效"}</p>
        <p>{p.verdict.reason}</p>
        <p class="small">核验日期：{cnDate(p.today)}（以登记管理机关的登记信息为准）</p>
      </div>
      <SummaryList
        facts={[
          ["名称", o.name],
          ["统一社会信用代码", o.uscc],
          [
            "登记状态",
            <>
              {STATUS_LABELS[o.status]}（{cnDate(o.statusOn)}）
            </>,
          ],
          ["法定代表人", o.legalRepresentative || "—"],
          ["登记管理机关", p.detail.authority.name],
          [
            "证书有效期",
            <>
              {cnDate(o.certificateValidFrom)} 至 {cnDate(o.certificateValidTo)}
            </>,
          ],
        ]}
      />
      <p>
        <a href={`/orgs/${o.uscc}`}>查看完整登记信息</a>
      </p>
    </Layout>
  );
}
