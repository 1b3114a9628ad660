/**
 * Flat form fields → the nested object a report section's zod schema reads.
 *
 * Field names are dotted paths relative to the section, or prefixed with the section's name (both work):
 *   balance.assets              finances.balance.assets
 *   items.0.kind  items[0][kind]  items[0].kind
 *   changeExplanations.balance.assets   (a map: everything after the map's name is one key)
 * Numeric segments make arrays; gaps are closed and rows left entirely blank (a spare row of the form) are dropped.
 * A repeated name (hidden "0" + checkbox "1") keeps its last value.
 *
 * Input is hostile: only the field paths the section's zod schema declares are accepted (`checkSectionFields` names
 * the first one that is not, and the request is refused), list indices stop at the schema's maximum length, and the
 * tree is built from null-prototype objects, so a field named `__proto__.x`, `constructor.prototype.x` or
 * `hasOwnProperty.call` can neither reach Object.prototype nor allocate a million-row list.
 */
import type { z } from "zod";
import { type ReportSection, sectionSchemas } from "../domain/inspection-report";

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

/** What a schema accepts, as a tree of declared paths. */
type PathNode =
  | { kind: "leaf" }
  | { kind: "object"; keys: Map<string, PathNode> }
  | { kind: "array"; max: number; element: PathNode }
  | { kind: "map"; keys: Set<string> | null };

const LEAF: PathNode = { kind: "leaf" };
/** A list without a declared maximum still stops here. */
const DEFAULT_MAX_ROWS = 1000;

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, unknown>;
      element?: unknown;
      innerType?: unknown;
      in?: unknown;
      out?: unknown;
      keyType?: unknown;
      checks?: { _zod: { def: { check: string; maximum?: number } } }[];
      entries?: Record<string, string>;
    };
  };
}

/** Reads a zod 4 schema's structure (objects, lists with their maximum, maps with their keys; wrappers unwrapped). */
function pathNodeOf(schema: unknown): PathNode {
  const def = (schema as ZodInternals)._zod.def;
  switch (def.type) {
    case "object":
      return {
        kind: "object",
        keys: new Map(Object.entries(def.shape ?? {}).map(([k, v]) => [k, pathNodeOf(v)])),
      };
    case "array": {
      const max = def.checks?.find((c) => c._zod.def.check === "max_length")?._zod.def.maximum;
      return { kind: "array", max: max ?? DEFAULT_MAX_ROWS, element: pathNodeOf(def.element) };
    }
    case "record": {
      const keyDef = (def.keyType as ZodInternals | undefined)?._zod.def;
      return { kind: "map", keys: keyDef?.entries ? new Set(Object.values(keyDef.entries)) : null };
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return pathNodeOf(def.innerType);
    case "pipe": {
      const first = pathNodeOf(def.in);
      return first.kind === "leaf" ? pathNodeOf(def.out) : first;
    }
    default:
      return LEAF;
  }
}

const sectionNodes = new Map<ReportSection, PathNode>();
function sectionNode(section: ReportSection): PathNode {
  let node = sectionNodes.get(section);
  if (!node) {
    node = pathNodeOf(sectionSchemas[section] as z.ZodType);
    sectionNodes.set(section, node);
  }
  return node;
}

/** Whether the schema declares this path (list indices within the list's maximum). */
function declared(node: PathNode, path: string[]): boolean {
  let n = node;
  for (const part of path) {
    if (n.kind === "object") {
      const next = n.keys.get(part);
      if (!next) return false;
      n = next;
    } else if (n.kind === "array") {
      if (!/^\d{1,6}$/.test(part) || Number(part) >= n.max) return false;
      n = n.element;
    } else if (n.kind === "map") {
      return path.at(-1) === part && (n.keys === null || n.keys.has(part));
    } else {
      return false;
    }
  }
  return n.kind === "leaf";
}

/** Most fields a section form may carry (the largest lists × their columns stay far below it). */
const MAX_FIELDS = 20_000;

/**
 * The first field of the form that the section does not declare, or null when every field is one of its own: a
 * request with any other field is refused as a whole (400), never half-read.
 */
export function checkSectionFields(
  section: ReportSection,
  form: Record<string, string | string[] | File | undefined>,
): { field: string; message: string } | null {
  const names = Object.keys(form);
  if (names.length > MAX_FIELDS) return { field: section, message: "表单字段过多，请刷新页面后重新填写。" };
  const root = sectionNode(section);
  for (const name of names) {
    const path = pathOf(section, name);
    if (!path || !declared(root, path)) {
      return {
        field: section,
        message: "表单中有无法识别的字段，请刷新页面后重新填写。如果问题持续，请联系登记管理机关。",
      };
    }
  }
  return null;
}

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

/** A tree node with no prototype: no key can reach Object.prototype. */
const node = (): Tree => Object.create(null) as Tree;

function isBlankRow(value: unknown): boolean {
  if (typeof value === "string") return DEFAULT_TOKENS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.every(isBlankRow);
  if (value && typeof value === "object") return Object.values(value).every(isBlankRow);
  return true;
}

/** Turns objects whose keys are all digits into arrays (in index order), dropping blank rows. */
function arrayify(tree: Tree | string): unknown {
  if (typeof tree === "string") return tree;
  const keys = Object.keys(tree);
  const out: Record<string, unknown> = Object.create(null);
  for (const k of keys) out[k] = arrayify(tree[k]!);
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
  const root: Tree = node();
  const declaredPaths = sectionNode(section);
  for (const [name, raw] of Object.entries(form)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (typeof value !== "string") continue;
    const path = pathOf(section, name);
    // Undeclared paths never enter the tree (checkSectionFields refuses the request before this runs).
    if (!path || !declared(declaredPaths, path)) continue;
    let at: Tree = root;
    let ok = true;
    for (const key of path.slice(0, -1)) {
      const next = at[key];
      if (typeof next === "string") {
        ok = false;
        break;
      }
      if (next === undefined) at[key] = node();
      at = at[key] as Tree;
    }
    const last = path.at(-1)!;
    if (!ok || typeof at[last] === "object") continue;
    at[last] = value;
  }
  // Back to ordinary objects for zod (which copies what it validates); keys are only the declared ones.
  const result = structuredClone(arrayify(root)) as Record<string, unknown>;
  // A list with no row at all (every row removed, or none ever added) means "none".
  for (const list of LIST_FIELDS[section] ?? []) {
    const v = result[list];
    if (v === undefined || (v && typeof v === "object" && !Array.isArray(v) && isBlankRow(v)))
      result[list] = [];
  }
  return result;
}
