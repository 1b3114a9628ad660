import type { ApplicationView } from "../../../src/registration/contract";
import { formatDateTime } from "../../components/form";

/**
 * For the deciding registrar of an online 成立: the applicant's requests to recover a lost link, and issuing a new
 * one (which revokes the old). A new link is shown once, on the page that issued it.
 */
export function LinkRecoveryPanel(p: {
  app: ApplicationView;
  action: string;
  requests: string[];
  reissued?: string | null;
}) {
  if (p.app.channel !== "online" || p.app.kind !== "establishment") return null;
  return (
    <section id="link" class="panel" aria-labelledby="link-heading">
      <h2 id="link-heading">申请链接</h2>
      {p.reissued ? (
        <div class="notice success" role="status">
          <p>
            已发放新链接，旧链接已失效。新链接只显示这一次：请核实申请人身份后当面或电话告知，不要通过他人转交。
          </p>
          <code class="activation-link">{p.reissued}</code>
        </div>
      ) : null}
      {p.requests.length > 0 ? (
        <p class="notice warning">
          申请人请求找回申请链接（{p.requests.map((at) => formatDateTime(at)).join("、")}
          ）。请先联系申请人核实身份，再发放新链接。
        </p>
      ) : (
        <p class="hint">申请人遗失链接时，可在核实身份后发放新链接；旧链接随即失效。</p>
      )}
      <form method="post" action={`${p.action}/reissue-link`}>
        <button type="submit" class="button secondary">
          发放新链接（旧链接失效）
        </button>
      </form>
    </section>
  );
}
