import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS } from "../../../src/domain/application-materials";
import type { ApplicationAttachmentView } from "../../../src/registration/contract";
import { type Errors, FieldError, formatDateTime } from "../../components/form";
import { choicesOf, SelectField } from "../../components/select";
import { EmptyState } from "../../components/table";

/**
 * The materials attached to an application (章程, 验资证明, 住所证明 …): listed with a download link for the applicant
 * and the registrar; the applicant adds more until the registrar decides (a plain multipart form).
 */
export function MaterialsPanel(p: {
  base: string;
  attachments: ApplicationAttachmentView[];
  mayAttach: boolean;
  errors: Errors;
  kind?: string;
}) {
  return (
    <section id="materials" class="panel" aria-labelledby="materials-heading">
      <h2 id="materials-heading">申请材料</h2>
      {p.attachments.length === 0 ? (
        <EmptyState>还没有上传材料。</EmptyState>
      ) : (
        <ul>
          {p.attachments.map((a) => (
            <li>
              {ATTACHMENT_KIND_LABELS[a.kind]}：<a href={`${p.base}/materials/${a.id}`}>{a.filename}</a>（
              {Math.ceil(a.size / 1024)} KB，{formatDateTime(a.uploadedAt)} 上传）
            </li>
          ))}
        </ul>
      )}
      {p.mayAttach ? (
        <form method="post" action={`${p.base}/materials`} enctype="multipart/form-data" class="narrow-form">
          <p class="hint" id="material-hint">
            PDF、PNG 或 JPEG 文件，每个不超过 10
            MB，按文件内容识别类型。登记管理机关作出决定前都可以补充上传。
          </p>
          <SelectField
            name="kind"
            id="material-kind"
            label="材料类别"
            errors={p.errors}
            value={p.kind}
            options={choicesOf(ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS)}
          />
          <div class={`field ${p.errors.file ? "field-error" : ""}`}>
            <label for="file">文件</label>
            <FieldError errors={p.errors} name="file" />
            <input
              type="file"
              id="file"
              name="file"
              accept="application/pdf,image/png,image/jpeg"
              aria-describedby={`material-hint${p.errors.file ? " file-error" : ""}`}
              aria-invalid={p.errors.file ? "true" : undefined}
            />
          </div>
          <button type="submit" class="button secondary">
            上传材料
          </button>
        </form>
      ) : null}
    </section>
  );
}
