/**
 * The locality's domain settings over time: each change effective from a date, the defaults from domain.md otherwise
 * (src/config.ts). Requests read the settings of their day (Asia/Shanghai) from a per-app cache refreshed every few
 * seconds, so a change reaches every process soon and costs no query per request; jobs read the settings of the day
 * they run for.
 */
import { sql } from "drizzle-orm";
import { settingChanges } from "../../db/schema";
import { commitWithAudit } from "../audit/audit";
import { actorOf } from "../auth/scope";
import { type DomainSettings, defaultDomainSettings } from "../config";
import type { AppDeps, SessionUser, SettingsCache } from "../context";
import type { Db } from "../db";
import { cnDate } from "../domain/dates";
import { chinaDateOf, isIsoDate } from "../domain/working-days";
import {
  fieldName,
  fieldValue,
  SETTING_BY_KEY,
  SETTINGS,
  type SettingEntry,
  valueAt,
  withValue,
} from "./catalog";
import type { SettingChangeView, SettingSummary } from "./contract";

/** How long a process keeps the day's settings before looking for changes. */
const REFRESH_MS = 10_000;

export type { SettingsCache };

export const createSettingsCache = (): SettingsCache => ({ entry: null, pending: null });

interface ChangeRow {
  id: number;
  key: string;
  value: string;
  effectiveFrom: string;
  reason: string;
  createdAt: string;
  createdBy: string;
}

/** The settings in force on `day`: the base (the defaults, or a test's) with each setting's newest change by then. */
export async function settingsOn(db: Db, base: DomainSettings, day: string): Promise<DomainSettings> {
  const rows = (await db.all(sql`SELECT s.key, s.value FROM setting_changes s
    WHERE s.id = (SELECT id FROM setting_changes t WHERE t.key = s.key AND t.effective_from <= ${day}
      ORDER BY t.effective_from DESC, t.id DESC LIMIT 1)`)) as { key: string; value: string }[];
  let out = base;
  for (const r of rows) if (SETTING_BY_KEY.has(r.key)) out = withValue(out, r.key, JSON.parse(r.value));
  return out;
}

/** The dependencies with the settings of `day` (for a job's run). */
export async function depsOn(deps: AppDeps, day: string): Promise<AppDeps> {
  const domain = await settingsOn(deps.db, deps.config.domain, day);
  return domain === deps.config.domain ? deps : { ...deps, config: { ...deps.config, domain } };
}

/** The request's dependencies when the cache holds today's settings, fresh; else null (then `refreshDeps`). Two
 * comparisons of numbers: it runs on every request. */
export function cachedDeps(deps: AppDeps): AppDeps | null {
  const e = deps.settingsCache?.entry;
  if (!e || Date.now() >= e.refreshAt) return null;
  return (deps.now ? deps.now().getTime() : Date.now()) < e.dayEndsAt ? e.deps : null;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export function refreshDeps(deps: AppDeps): Promise<AppDeps> {
  const cache = deps.settingsCache;
  if (!cache) return loadDeps(deps);
  // One refresh at a time: when the entry expires under load, the requests of that moment share it.
  if (cache.pending) return cache.pending;
  const pending = loadDeps(deps).finally(() => {
    if (cache.pending === pending) cache.pending = null;
  });
  cache.pending = pending;
  return pending;
}

async function loadDeps(deps: AppDeps): Promise<AppDeps> {
  const now = (deps.now?.() ?? new Date()).getTime();
  const day = chinaDateOf(new Date(now));
  const fresh = await depsOn(deps, day);
  // The next midnight in Shanghai, as an instant.
  const dayEndsAt = (Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
  // Kept unless a change of settings cleared the cache meanwhile (then the next request reads them again).
  if (deps.settingsCache && deps.settingsCache.pending !== null)
    deps.settingsCache.entry = { day, refreshAt: Date.now() + REFRESH_MS, dayEndsAt, deps: fresh };
  return fresh;
}

// ---------------------------------------------------------------------------------------------------------------
// The administrator's page

function changeView(entry: SettingEntry, c: ChangeRow): SettingChangeView {
  return {
    effectiveFrom: c.effectiveFrom,
    words: valueWords(entry, JSON.parse(c.value)),
    reason: c.reason,
    by: c.createdBy,
    at: c.createdAt,
  };
}

async function changes(db: Db, key?: string): Promise<ChangeRow[]> {
  return (await db.all(sql`SELECT s.id, s.key, s.value, s.effective_from AS "effectiveFrom", s.reason,
      s.created_at AS "createdAt", u.display_name AS "createdBy"
    FROM setting_changes s JOIN users u ON u.id = s.created_by
    ${key ? sql`WHERE s.key = ${key}` : sql``}
    ORDER BY s.effective_from DESC, s.id DESC`)) as ChangeRow[];
}

/** Every setting as the administrator sees it on `today` (or only `key`'s, for its page; null when unknown). */
export async function settingSummaries(
  deps: AppDeps,
  today: string,
  key?: string,
): Promise<SettingSummary[] | null> {
  if (key !== undefined && !SETTING_BY_KEY.has(key)) return null;
  const current = await settingsOn(deps.db, deps.config.domain, today);
  const all = await changes(deps.db, key);
  return SETTINGS.filter((e) => key === undefined || e.key === key).map((entry) => {
    const history = all.filter((c) => c.key === entry.key);
    const value = valueAt(current, entry.key);
    return {
      key: entry.key,
      title: entry.title,
      rule: entry.rule,
      help: entry.help,
      currentWords: valueWords(entry, value),
      defaultWords: valueWords(entry, valueAt(defaultDomainSettings, entry.key)),
      scheduled: history
        .filter((c) => c.effectiveFrom > today)
        .reverse()
        .map((c) => changeView(entry, c)),
      history: history.map((c) => changeView(entry, c)),
      fields: entry.fields.map((f) => ({
        name: fieldName(f),
        label: f.label,
        kind: f.kind,
        min: f.min,
        max: f.max,
        unit: f.unit,
      })),
      values: formValues(entry, value),
    };
  });
}

export type ChangeResult = { ok: true } | { ok: false; status: 400 | 404; errors: Record<string, string> };

/**
 * Records a change of one setting from a date (today or later: a past day's settings are history), after checking
 * every field against its range and the setting's own limits. Audited in the same batch.
 */
export async function changeSetting(
  deps: AppDeps,
  user: SessionUser,
  ip: string | null,
  key: string,
  form: Record<string, string>,
): Promise<ChangeResult> {
  const entry = SETTING_BY_KEY.get(key);
  if (!entry) return { ok: false, status: 404, errors: {} };
  const today = chinaDateOf(deps.now?.() ?? new Date());
  const errors: Record<string, string> = {};
  const effectiveFrom = (form.effectiveFrom ?? "").trim();
  if (!isIsoDate(effectiveFrom)) errors.effectiveFrom = "请填写生效日期，如 2027-01-01。";
  else if (effectiveFrom < today) errors.effectiveFrom = "生效日期不能早于今天：已经过去的日子按当时的设置。";
  const reason = (form.reason ?? "").trim();
  if (reason === "") errors.reason = "请写明调整的理由或依据（如文件文号）。";
  else if ([...reason].length > 200) errors.reason = "理由不能超过200个字。";
  let value: unknown = structuredClone(valueAt(deps.config.domain, key));
  for (const field of entry.fields) {
    const name = fieldName(field);
    const raw = (form[name] ?? "").trim();
    let v: number | boolean | string | null;
    if (field.kind === "date") {
      if (raw !== "" && !isIsoDate(raw)) {
        errors[name] = `“${field.label}”应为日期，如 2025-01-01；留空表示不启用。`;
        continue;
      }
      v = raw === "" ? null : raw;
    } else if (field.kind === "bool") {
      if (raw !== "1" && raw !== "0") {
        errors[name] = `请选择“${field.label}”。`;
        continue;
      }
      v = raw === "1";
    } else {
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < field.min! || Number(raw) > field.max!) {
        errors[name] =
          `“${field.label}”应为${field.min}至${field.max}之间的整数${field.unit ? `（${field.unit}）` : ""}。`;
        continue;
      }
      v = Number(raw);
    }
    if (field.path.length === 0) value = v;
    else {
      let o = value as Record<string, unknown>;
      for (const k of field.path.slice(0, -1)) o = o[k] as Record<string, unknown>;
      o[field.path.at(-1)!] = v;
    }
  }
  if (Object.keys(errors).length === 0 && entry.check) {
    const problem = entry.check(value as Record<string, unknown>);
    if (problem) errors.form = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
  const before = valueAt(await settingsOn(deps.db, deps.config.domain, effectiveFrom), key);
  await commitWithAudit(
    deps.db,
    actorOf(user, ip),
    [
      deps.db
        .insert(settingChanges)
        .values({ key, value: JSON.stringify(value), effectiveFrom, reason, createdBy: user.id }),
    ],
    {
      action: "settings.change",
      objectType: "setting",
      objectId: key,
      summary: { title: entry.title, effectiveFrom, before, after: value, reason },
    },
  );
  if (deps.settingsCache) {
    deps.settingsCache.entry = null;
    deps.settingsCache.pending = null;
  }
  return { ok: true };
}

/** A value as the form shows it: each field's current value by its form name. */
export function formValues(entry: SettingEntry, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of entry.fields) {
    const v = fieldValue(value, f);
    out[fieldName(f)] = f.kind === "bool" ? (v ? "1" : "0") : v === null || v === undefined ? "" : String(v);
  }
  return out;
}

/** A value in words: "20 个工作日", "最短 20 天，最长 60 天", "是". */
export function valueWords(entry: SettingEntry, value: unknown): string {
  if (entry.words) return entry.words(value as Record<string, unknown>);
  return entry.fields
    .map((f) => {
      const v = fieldValue(value, f);
      const shown =
        f.kind === "bool"
          ? v
            ? "是"
            : "否"
          : f.kind === "date"
            ? v
              ? cnDate(String(v))
              : "不启用"
            : `${v}${f.unit ?? ""}`;
      return entry.fields.length === 1 ? shown : `${f.label} ${shown}`;
    })
    .join("；");
}
