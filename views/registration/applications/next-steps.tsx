import { ESTABLISHMENT_MATERIALS } from "../../../src/domain/application-materials";
import type { ApplicationView } from "../../../src/registration/contract";
import { cnDate } from "../../components/dates";

/**
 * What an applicant holding the link reads on their application: what happens next and by when (R-A6, R-C3), the
 * application's number, how to come back, what to prepare and whom to contact.
 */
export function NextSteps(p: {
  app: ApplicationView;
  link: string;
  authorityName: string;
  decisionLimitDays: number;
}) {
  const { app } = p;
  const type = (app.data as { type?: keyof typeof ESTABLISHMENT_MATERIALS }).type;
  const materials = ESTABLISHMENT_MATERIALS[type && type in ESTABLISHMENT_MATERIALS ? type : "unknown"];
  return (
    <section class="panel next-steps" aria-labelledby="next-heading">
      <h2 id="next-heading">接下来会怎样</h2>
      <p>
        申请编号：<strong>{app.id}</strong>（联系登记管理机关时请说明）
      </p>
      <WhatHappens app={app} authorityName={p.authorityName} days={p.decisionLimitDays} />
      <h3>如何再次查看本申请</h3>
      <p>
        <strong>请保存本页地址</strong>
        ：这是您查看和修改本申请的唯一入口，不需要账号。请加入收藏夹或抄写下来，勿转给他人。
      </p>
      <code class="activation-link">{p.link}</code>
      <p class="hint">
        链接遗失时，可凭申请编号和申请时留下的联系电话<a href="/apply#recover">找回申请链接</a>
        ：登记管理机关核实身份后发放新链接。
      </p>
      {app.kind === "establishment" ? (
        <>
          <h3>需要准备的材料</h3>
          <ul>
            {materials.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
          <p class="hint">
            可以在本页下方上传章程、验资证明、住所证明等材料的电子版；原件请按登记管理机关的通知提交。
          </p>
        </>
      ) : null}
      <h3>联系谁</h3>
      <p>
        本申请由<strong>{p.authorityName}</strong>
        办理。办理中如有疑问，请联系该机关的社会组织登记窗口，并说明申请编号。
      </p>
    </section>
  );
}

function WhatHappens(p: { app: ApplicationView; authorityName: string; days: number }) {
  const { app } = p;
  switch (app.state) {
    case "submitted":
      return (
        <p>
          {`您的申请已于 ${app.submittedOn ? cnDate(app.submittedOn) : "今天"}提交。${p.authorityName}将审查申请材料：`}
          {"材料不齐全或不符合要求的，会退回补正，写明原因和补正期限，您可在本页修改后重新提交；"}
          {`材料齐全的，在 ${p.days} 个工作日内作出准予登记或不予登记的决定`}
          {app.dueOn ? (
            <>
              ，最迟在 <strong>{cnDate(app.dueOn)}</strong> 前
            </>
          ) : null}
          。决定会显示在本页。
        </p>
      );
    case "returned":
      return (
        <p>
          {`${p.authorityName}已退回补正。请按退回原因修改`}
          {app.correctionDeadline ? <>，在 {cnDate(app.correctionDeadline)} 前</> : null}
          重新提交；重新提交后，登记管理机关在 {p.days} 个工作日内作出决定。
        </p>
      );
    case "draft":
      return (
        <p>
          {`申请尚未提交。填写完成并提交后，${p.authorityName}在材料齐全之日起 ${p.days} 个工作日内作出准予登记或不予登记的决定。`}
        </p>
      );
    case "approved":
      return <p>已准予登记。登记管理机关将通知您领取登记证书。</p>;
    case "refused":
      return <p>登记管理机关已作出不予登记的决定，理由见本页。</p>;
    default:
      return <p>申请已撤回。</p>;
  }
}
