/**
 * Accounts, sessions and login throttling.
 *
 * Glossary:
 *   user                 账号 (an account; never self-registered)
 *   role                 org 社会组织用户 | supervisor 业务主管单位审查人员 | registrar 登记管理机关工作人员 |
 *                        party 党建工作审查人员 (社会组织党委; reads an authority's ledgers, confirms their changes) | admin 系统管理员
 *   org admin            单位管理员 (the organization's first account; invites colleagues)
 *   account status       pending 待激活 | active 正常 | disabled 已停用
 *   session              登录会话 (Lucia's recipe: `<id>.<secret>`, only SHA-256(secret) stored)
 *   account token        激活链接 (one-time, 72 hours; only SHA-256(secret) stored)
 *   login throttle       登录限制 (failures per IP and per account name, growing waits)
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { authorities, organizations, supervisorUnits } from "./registry";
import { inList } from "./sql";

export const USER_ROLES = ["org", "supervisor", "registrar", "party", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_STATUSES = ["pending", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Lower-case ASCII letters, digits, `-`, `_`, `.`; 3–40 characters (src/auth/rules.ts). */
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    orgId: integer("org_id").references(() => organizations.id),
    isOrgAdmin: integer("is_org_admin", { mode: "boolean" }).notNull().default(false),
    authorityId: integer("authority_id").references(() => authorities.id),
    supervisorUnitId: integer("supervisor_unit_id").references(() => supervisorUnits.id),
    status: text("status", { enum: USER_STATUSES }).notNull().default("pending"),
    /** PHC string `$scrypt$ln=14,r=8,p=5$salt$hash`; null until the account is activated. */
    passwordHash: text("password_hash"),
    passwordChangedAt: text("password_changed_at"),
    createdByUserId: integer("created_by_user_id"),
    lastLoginAt: text("last_login_at"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(t.username),
    index("users_org_idx").on(t.orgId),
    index("users_authority_idx").on(t.authorityId),
    index("users_supervisor_unit_idx").on(t.supervisorUnitId),
    check("users_role_ck", inList("role", USER_ROLES)),
    check("users_status_ck", inList("status", USER_STATUSES)),
    check(
      "users_username_ck",
      sql`${t.username} = lower(${t.username}) AND length(${t.username}) BETWEEN 3 AND 40`,
    ),
    // Each role is bound to exactly its own scope, and nothing else.
    check(
      "users_scope_ck",
      sql`(role = 'org' AND org_id IS NOT NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL)
       OR (role = 'registrar' AND authority_id IS NOT NULL AND org_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)
       OR (role = 'party' AND authority_id IS NOT NULL AND org_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)
       OR (role = 'supervisor' AND supervisor_unit_id IS NOT NULL AND org_id IS NULL AND authority_id IS NULL AND is_org_admin = 0)
       OR (role = 'admin' AND org_id IS NULL AND authority_id IS NULL AND supervisor_unit_id IS NULL AND is_org_admin = 0)`,
    ),
    check("users_active_has_password_ck", sql`status <> 'active' OR password_hash IS NOT NULL`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** The public half of the token. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** Hex SHA-256 of the secret half. */
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Milliseconds since the epoch; refreshed at most hourly. */
    lastSeenAt: integer("last_seen_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const ACCOUNT_TOKEN_PURPOSES = ["activation"] as const;

export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    secretHash: text("secret_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("account_tokens_user_idx").on(t.userId),
    check("account_tokens_purpose_ck", inList("purpose", ACCOUNT_TOKEN_PURPOSES)),
  ],
);

/** Failed logins per key (`ip:…` or `user:…`): survives restarts and works the same on Node and Workers. */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    lastFailureAt: integer("last_failure_at").notNull(),
    /** Milliseconds since the epoch before which no attempt is accepted. */
    lockedUntil: integer("locked_until").notNull().default(0),
    /** Attempts refused while locked: counted here, reported in the key's next audited attempt (not a row each). */
    throttledAttempts: integer("throttled_attempts").notNull().default(0),
  },
  (t) => [check("login_throttle_failures_ck", sql`${t.failures} >= 0`)],
);
