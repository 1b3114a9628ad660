import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { sectionSchemas } from "../../src/domain/inspection-report";
import { FIELD_LABELS } from "../../views/inspection/review/report";

/** Every field name inside a schema (objects, arrays, optionals and pipes unwrapped). */
function fieldNames(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  if (def.type === "object") {
    for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      out.add(k);
      fieldNames(v, out);
    }
  } else if (def.type === "array") fieldNames(def.element as z.ZodType, out);
  else if (["optional", "nullable", "default", "prefault", "catch", "readonly"].includes(def.type))
    fieldNames(def.innerType as z.ZodType, out);
  else if (def.type === "pipe") fieldNames(def.in as z.ZodType, out);
  return out;
}

describe("年度报告 as the reviewer reads it (R-C5)", () => {
  it("every field of every section has a Chinese label (the finance table labels its own rows)", () => {
    const { finances: _finances, ...rest } = sectionSchemas;
    const names = new Set<string>();
    for (const schema of Object.values(rest)) fieldNames(schema as z.ZodType, names);
    expect(names.size).toBeGreaterThan(40);
    expect(names.has("auditBeforeChange")).toBe(true);
    expect([...names].filter((k) => !FIELD_LABELS[k])).toEqual([]);
  });
});
