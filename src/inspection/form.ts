/**
 * Flat form fields → the nested object a report section's zod schema reads.
 *
 * Field names are dotted paths relative to the section, or prefixed with the section's name (both work):
 *   balance.assets              finances.balance.assets
 *   items.0.kind  items[0][kind]  items[0].kind
 *   changeExplanations.balance.assets   (a map: everything after the map's name is one key)
 * Numeric segments make arrays; gaps are closed and rows left entirely blank (a spare row of the form) are dropped.
 * A repeated name (hidden "0" + checkbox "1") keeps its last value. Unknown fields are ignored by the schemas.
 */
import type { ReportSection } from "../domain/inspection-report";

/** Fields whose remainder is a single key of a map rather than a nested path. */
const MAP_FIELDS: Partial<Record<ReportSection, readonly string[]>> = {
  finances: ["changeExplanations"],
};

/** List fields per section: absent from the form means an empty list ("none"). */
const LIST_FIELDS: Partial<Record<ReportSection, readonly string[]>> = {
  meetings: ["items"],
  termChange: ["officers"],
  branches: ["items"],
  donations: ["received", "grants"],
  activities: ["items"],
  cadres: ["items"],
};

/** Values a spare row carries even when the person typed nothing (checkbox and radio defaults). */
const DEFAULT_TOKENS = new Set(["", "0", "1", "on", "off", "true", "false", "yes", "no", "是", "否"]);

type Tree = { [key: string]: Tree | string };

function pathOf(section: ReportSection, name: string): string[] | null {
  let normalized = name.replace(/\[([^\]]*)\]/g, ".$1");
  if (normalized.startsWith(`${section}.`)) normalized = normalized.slice(section.length + 1);
  if (normalized === "" || normalized.startsWith(".")) return null;
  for (const map of MAP_FIELDS[section] ?? []) {
    if (normalized.startsWith(`${map}.`)) return [map, normalized.slice(map.length + 1)];
  }
  const parts = normalized.split(".");
  if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) {
    return null;
  }
  return parts;
}

function isBlankRow(value: unknown): boolean {
  if (typeof value === "string") return DEFAULT_TOKENS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.every(isBlankRow);
  if (value && typeof value === "object") return Object.values(value).every(isBlankRow);
  return true;
}

/** Turns objects whose keys are all digits into arrays (in index order), dropping blank rows. */
function arrayify(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = arrayify(node[k]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => out[String(k)])
      .filter((row) => typeof row === "string" || !isBlankRow(row));
  }
  return out;
}

/** Maps raw form fields to the section's input object (see the file comment). */
export function formToSectionInput(
  section: ReportSection,
  form: Record<string, string | string[] | File | undefined>,
): Record<string, unknown> {
  const root: Tree = {};
  for (const [name, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (typeof value !== "string") continue;
    const path = pathOf(section, name);
    if (!path) continue;
    let node: Tree = root;
    let ok = true;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next === "string") {
        ok = false;
        break;
      }
      if (next === undefined) node[key] = {};
      node = node[key] as Tree;
    }
    const last = path.at(-1)!;
    if (!ok || typeof node[last] === "object") continue;
    node[last] = value;
  }
  const result = arrayify(root) as Record<string, unknown>;
  // A list with no row at all (every row removed, or none ever added) means "none".
  for (const list of LIST_FIELDS[section] ?? []) {
    const v = result[list];
    if (v === undefined || (v && typeof v === "object" && !Array.isArray(v) && isBlankRow(v)))
      result[list] = [];
  }
  return result;
}
