import type { Config } from "./config";
import type { Db } from "./db";
import { chinaDateOf } from "./domain/working-days";

/** Stores uploaded files: the data folder on Node, an R2 bucket on Workers. */
export interface FileStorage {
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

export interface AppDeps {
  db: Db;
  config: Config;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  storage?: FileStorage;
  /** Node serves public/ through this (Workers serve it as static assets before the app runs). */
  staticFiles?: import("hono").MiddlewareHandler;
  /** Public search results, per app instance (createApp makes one when absent). */
  searchCache?: SearchCache;
  /** What the public reads about one organization, per app instance (createApp makes one when absent). */
  detailCache?: DetailCache;
  /** Public pages rendered for visitors not signed in, as bytes (createApp makes a 32 MiB one when absent). */
  pageCache?: PageCache;
  /** Today's domain settings with the locality's changes, per app instance (src/settings). */
  settingsCache?: SettingsCache;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** Set by the session middleware (src/auth): the signed-in user, or null. */
    user: SessionUser | null;
  };
}

/** The user as the rest of the app sees it. Defined here so features do not depend on auth internals. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: "org" | "supervisor" | "registrar" | "party" | "admin";
  /** For `org`: the organization the account belongs to. */
  orgId: number | null;
  /** For `org`: whether this account administers its organization's accounts. */
  isOrgAdmin: boolean;
  /** For `registrar`: the authority it acts for; for `party` (党建工作审查人员): the authority whose ledgers it reviews. */
  authorityId: number | null;
  /** For `supervisor`: the 业务主管单位 it reviews for. */
  supervisorUnitId: number | null;
  sessionId: string;
}

/** The app's clock: the instant now (tests pass a fixed one). */
export const nowOf = (deps: AppDeps): Date => deps.now?.() ?? new Date();

/** Today in China (Asia/Shanghai, no daylight saving): the `today` every rule and deadline reads. */
export const todayOf = (deps: AppDeps): string => chinaDateOf(nowOf(deps));

/** Values kept while the register version they were read at is current (made by src/registry/detail-cache.ts). */
export interface DetailCache {
  /** The cached value for `key` at the current register version, or `load()` (kept for the next request). */
  get<T>(db: Db, key: string, load: () => Promise<T>): Promise<T>;
  readonly size: number;
}

/** Search results kept while the register version they were computed at is current (made by
 * src/registry/search-cache.ts, which names the search's parameters and result). */
export interface SearchCache {
  /** The result kept for `key` at the current register version, or `compute()`'s result (kept only when computed at
   * that version). */
  get<T>(db: Db, key: string, compute: () => Promise<{ result: T; version: number }>): Promise<T>;
  readonly size: number;
}

/** Today's domain settings with the locality's changes, per app instance (kept and refreshed by src/settings/service.ts). */
export interface SettingsCache {
  /** `refreshAt` is real time (the cache's age); `dayEndsAt` is the app's clock (tests move it). */
  entry: { day: string; refreshAt: number; dayEndsAt: number; deps: AppDeps } | null;
  /** The refresh under way: every request that finds the entry expired waits for this one, not a query of its own. */
  pending?: Promise<AppDeps> | null;
}

/** Public pages kept as bytes while the register is unchanged (made by src/registry/page-cache.ts). */
export interface PageCache {
  /** The page for `key` at the current register version, or `render()` encoded (kept unless null). */
  get(db: Db, key: string, render: () => Promise<string | null>): Promise<Uint8Array | null>;
  readonly bytes: number;
}
