import type { SessionUser } from "../../src/context";
import { formatDateTime } from "../components/form";
import { Layout } from "../layout";

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
