/** What the account views receive: an account as a list shows it, apart from the drizzle row. */
import type { SessionUser } from "../context";

export type AccountStatus = "pending" | "active" | "disabled";

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: SessionUser["role"];
  /** For organization accounts: whether it administers its organization's accounts. */
  isOrgAdmin: boolean;
  status: AccountStatus;
  lastLoginAt: string | null;
  /** The version a manager's disable / enable names, so a stale page gets "someone else changed this". */
  version: number;
}
