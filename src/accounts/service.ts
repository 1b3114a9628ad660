import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { accountTokens, organizations, users } from "../../db/schema";
import { type Actor, commitWithAudit } from "../audit/audit";
import { listAuditEvents } from "../audit/queries";
import { type OrgAccess, readableAuthorityIds } from "../auth/scope";
import { endUserSessions } from "../auth/sessions";
import { newToken } from "../auth/tokens";
import type { AppDeps, SessionUser } from "../context";
import type { BatchItem, Db } from "../db";
import { isStaleWrite, staleGuard } from "../db";
import { cachedSearch } from "../registry/search-cache";
import {
  authoritiesByIds,
  authorityExists,
  authorityName,
  hasOrgAdmin,
  orgAccounts,
  orgChanges,
  supervisorUnitExists,
} from "./queries";

/**
 * Accounts are created, never self-registered: an administrator creates staff accounts (registrar,
 * supervisor, admin); a registrar creates the first account of an organization under its authority; an
 * organization's administrator invites colleagues. Each creation yields a one-time activation link, valid 72 hours,
 * shown once to the creator.
 */
export const ACTIVATION_TTL_MS = 72 * 60 * 60_000;

export const USERNAME_RULE = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export const usernameField = z
  .string({ error: "请填写用户名。" })
  .trim()
  .toLowerCase()
  .min(1, "请填写用户名。")
  .regex(USERNAME_RULE, "用户名为 3 到 40 位小写字母、数字或 . _ -，以字母或数字开头。");

export const displayNameField = z
  .string({ error: "请填写姓名。" })
  .trim()
  .min(1, "请填写姓名。")
  .max(40, "姓名不能超过 40 个字。");

/** What a creator may create, and where the new account is bound. */
export type NewAccount =
  | { role: "registrar"; authorityId: number }
  | { role: "party"; authorityId: number }
  | { role: "supervisor"; supervisorUnitId: number }
  | { role: "admin" }
  | { role: "org"; orgId: number; isOrgAdmin: boolean };

export type CreateResult =
  | { kind: "ok"; userId: number; username: string; activationPath: string; expiresAt: number }
  | { kind: "invalid"; errors: Record<string, string> };

function bindingOf(a: NewAccount) {
  return {
    orgId: a.role === "org" ? a.orgId : null,
    isOrgAdmin: a.role === "org" ? a.isOrgAdmin : false,
    authorityId: a.role === "registrar" || a.role === "party" ? a.authorityId : null,
    supervisorUnitId: a.role === "supervisor" ? a.supervisorUnitId : null,
  };
}

/** The statements that issue an activation link for the account named `username` (created in the same batch). */
async function activationStatements(db: Db, username: string, now: Date) {
  const t = await newToken();
  const expiresAt = now.getTime() + ACTIVATION_TTL_MS;
  const statement = db.insert(accountTokens).values({
    id: t.id,
    userId: sql`(SELECT id FROM users WHERE username = ${username})`,
    purpose: "activation",
    secretHash: t.secretHash,
    expiresAt,
  });
  return { statement, path: `/activate/${t.token}`, expiresAt };
}

/**
 * Creates a pending account. The caller has checked that `actor` may create this kind of account for this binding
 * (see mayCreate); this checks the name and the binding's existence.
 */
export async function createAccount(
  db: Db,
  actor: Actor,
  input: { username: string; displayName: string } & NewAccount,
  now: Date,
): Promise<CreateResult> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) return { kind: "invalid", errors: { username: "这个用户名已被使用，请换一个。" } };
  const binding = bindingOf(input);
  const link = await activationStatements(db, input.username, now);
  try {
    await commitWithAudit(
      db,
      actor,
      [
        db.insert(users).values({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          ...binding,
          status: "pending",
          createdByUserId: actor.userId,
        }),
        link.statement,
      ],
      {
        action: "account.created",
        objectType: "user",
        objectId: input.username,
        orgId: binding.orgId,
        summary: {
          role: input.role,
          displayName: input.displayName,
          ...Object.fromEntries(Object.entries(binding).filter(([, v]) => v !== null && v !== false)),
        },
      },
    );
  } catch (err) {
    if (String((err as Error).message ?? err).includes("UNIQUE")) {
      return { kind: "invalid", errors: { username: "这个用户名已被使用，请换一个。" } };
    }
    throw err;
  }
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  return {
    kind: "ok",
    userId: row!.id,
    username: input.username,
    activationPath: link.path,
    expiresAt: link.expiresAt,
  };
}

type UserRow = typeof users.$inferSelect;

/**
 * Whether `manager` may manage (disable, re-enable, reissue the link of) `target`: administrators manage staff;
 * a registrar manages the accounts of organizations under its own authority; an organization's administrator manages
 * its colleagues. Nobody manages themselves here.
 */
export async function mayManage(db: Db, manager: SessionUser, target: UserRow): Promise<boolean> {
  if (manager.id === target.id) return false;
  switch (manager.role) {
    case "admin":
      return target.role !== "org";
    case "registrar": {
      if (target.role !== "org" || target.orgId === null) return false;
      const [org] = await db
        .select({ authorityId: organizations.authorityId })
        .from(organizations)
        .where(eq(organizations.id, target.orgId));
      return org?.authorityId === manager.authorityId;
    }
    case "org":
      return manager.isOrgAdmin && target.role === "org" && target.orgId === manager.orgId;
    default:
      return false;
  }
}

/** The account `manager` asks for by id, if it may manage it; null means 404. */
export async function findManagedUser(db: Db, manager: SessionUser, id: number): Promise<UserRow | null> {
  const [target] = await db.select().from(users).where(eq(users.id, id));
  if (!target) return null;
  return (await mayManage(db, manager, target)) ? target : null;
}

export type StatusChange = { kind: "ok" } | { kind: "stale" } | { kind: "unchanged" };

/** Disables an account (its sessions and unused links end with it) or enables it again. */
export async function setDisabled(
  db: Db,
  actor: Actor,
  target: UserRow,
  disable: boolean,
  expectedVersion: number,
  now: Date,
): Promise<StatusChange> {
  if (target.version !== expectedVersion) return { kind: "stale" };
  if (disable === (target.status === "disabled")) return { kind: "unchanged" };
  const next = disable ? "disabled" : target.passwordHash ? "active" : "pending";
  const changes: BatchItem[] = [
    db
      .update(users)
      .set({ status: next, version: target.version + 1, updatedAt: now.toISOString() })
      .where(and(eq(users.id, target.id), eq(users.version, expectedVersion))),
    // Someone changed the account since it was read: the guard fails, nothing (not even the audit event) is written.
    staleGuard(db),
  ];
  if (disable) {
    changes.push(
      endUserSessions(db, target.id),
      db
        .update(accountTokens)
        .set({ usedAt: now.getTime() })
        .where(and(eq(accountTokens.userId, target.id), isNull(accountTokens.usedAt))),
    );
  }
  try {
    await commitWithAudit(db, actor, changes, {
      action: disable ? "account.disabled" : "account.enabled",
      objectType: "user",
      objectId: target.username,
      orgId: target.orgId,
      summary: { before: target.status, after: next },
    });
  } catch (err) {
    if (isStaleWrite(err)) return { kind: "stale" };
    throw err;
  }
  return { kind: "ok" };
}

/** A fresh activation link for a pending account (earlier links stop working). */
export async function reissueActivation(db: Db, actor: Actor, target: UserRow, now: Date) {
  if (target.status !== "pending") return null;
  const link = await activationStatements(db, target.username, now);
  await commitWithAudit(
    db,
    actor,
    [
      db
        .update(accountTokens)
        .set({ usedAt: now.getTime() })
        .where(and(eq(accountTokens.userId, target.id), isNull(accountTokens.usedAt))),
      link.statement,
    ],
    { action: "account.link_reissued", objectType: "user", objectId: target.username, orgId: target.orgId },
  );
  return link;
}

// ---------------------------------------------------------------- staff accounts

export interface StaffChoice {
  role: "registrar" | "party" | "supervisor" | "admin";
  authorityId: number | null;
  supervisorUnitId: number | null;
}

/** Where a new staff account is bound: registrars and 党建 reviewers to an authority, reviewers to a supervisor unit. */
export async function staffBinding(
  db: Db,
  d: StaffChoice,
): Promise<{ binding: NewAccount } | { errors: Record<string, string> }> {
  switch (d.role) {
    case "admin":
      return { binding: { role: "admin" } };
    case "registrar":
    case "party":
      return d.authorityId !== null && (await authorityExists(db, d.authorityId))
        ? { binding: { role: d.role, authorityId: d.authorityId } }
        : { errors: { authorityId: "请选择该工作人员所在的登记管理机关。" } };
    case "supervisor":
      return d.supervisorUnitId !== null && (await supervisorUnitExists(db, d.supervisorUnitId))
        ? { binding: { role: "supervisor", supervisorUnitId: d.supervisorUnitId } }
        : { errors: { supervisorUnitId: "请选择该审查人员所在的业务主管单位。" } };
  }
}

// ---------------------------------------------------------------- an organization's accounts, seen by its registrar

/** Why a registrar may not open an organization's first account now; null when it may. */
export async function firstAccountRefusal(db: Db, org: OrgAccess["org"]): Promise<string | null> {
  if (org.status !== "active") return "该组织已终止登记，不能再开设账号。";
  if (await hasOrgAdmin(db, org.id)) return "该组织已有单位管理员，其他同事由单位管理员邀请。";
  return null;
}

/** The registrar's page of one organization: its accounts, whether a first one may be opened, changes, audit trail. */
export async function registrarOrgView(db: Db, access: OrgAccess, auditBefore: number | null) {
  const { org } = access;
  const [accounts, authority, audit, adminExists, history] = await Promise.all([
    orgAccounts(db, org.id),
    authorityName(db, org.authorityId),
    listAuditEvents(db, { orgId: org.id }, auditBefore, 20),
    hasOrgAdmin(db, org.id),
    orgChanges(db, org.id),
  ]);
  return {
    accounts,
    authorityName: authority,
    audit,
    mayCreateFirst: !adminExists && org.status === "active",
    history,
  };
}

/**
 * One page of the registrar's search among the organizations of an authority it may read (`authorityCode`); any
 * other code falls back to its own authority.
 */
export async function searchRegistrarOrgs(
  deps: AppDeps,
  user: SessionUser,
  q: { q: string; authorityCode?: string; page: number },
) {
  const auths = await authoritiesByIds(deps.db, await readableAuthorityIds(deps.db, user));
  const chosen =
    auths.find((a) => a.code === q.authorityCode) ?? auths.find((a) => a.id === user.authorityId)!;
  const result = await cachedSearch(deps.searchCache!, deps.db, {
    q: q.q,
    authorityCode: chosen.code,
    page: q.page,
    perPage: 20,
  });
  return { authority: chosen, result };
}
