/** Pieces every account list shares: the status tag, the notice after a step, the table with its buttons, the fields. */
import type { AccountRow, AccountStatus } from "../../src/accounts/contract";
import type { SessionUser } from "../../src/context";
import { ROLE_LABELS } from "../auth/pages";
import { ActionButton, type Errors, Flash, formatDateTime, TextField } from "../components/form";
import { DataTable } from "../components/table";

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  pending: "待激活",
  active: "正常",
  disabled: "已停用",
};
const STATUS_TAG: Record<AccountStatus, string> = { pending: "warn", active: "ok", disabled: "stop" };

export function UserStatus({ status }: { status: AccountStatus }) {
  return <span class={`tag ${STATUS_TAG[status]}`}>{ACCOUNT_STATUS_LABELS[status]}</span>;
}

export function DoneNotice({ notice }: { notice?: string | null }) {
  return <Flash notice={notice} />;
}

/** The buttons a manager has for one account: disable / enable, and a new link while it is pending. */
function ManageButtons({ base, u }: { base: string; u: AccountRow }) {
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
  rows: { user: AccountRow; scope?: string | null }[];
  viewer: SessionUser;
  manageBase: string | null;
  extra?: boolean;
}) {
  return (
    <DataTable
      rows={rows}
      empty="还没有账号。"
      columns={[
        "姓名",
        "用户名",
        extra ? "身份与所属" : "单位管理员",
        "状态",
        "最近登录",
        manageBase ? "操作" : null,
      ]}
      row={({ user: u, scope }) => (
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
      )}
    />
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
