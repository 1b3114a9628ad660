import { describe, expect, it } from "vitest";
import type { OrgType } from "../../db/schema";
import {
  address,
  brandName,
  drawUniqueName,
  nameProblems,
  organizationName,
  personName,
} from "../../db/seed/names";
import { capitalFen, orgProfile } from "../../db/seed/profile";
import { createRandom } from "../../db/seed/random";

const TYPES: OrgType[] = ["social_group", "private_non_enterprise", "foundation"];
const PLACES = ["文汇街道", "石渡镇"];

describe("seed name generator (db/seed/names.ts)", () => {
  it("R-A4: nameProblems flags 中国/全国/中华 prefixes, 第一/最高/国家级 and 总 in a 民非 name", () => {
    expect(nameProblems("中国示范协会", "social_group")).toEqual(["中国"]);
    expect(nameProblems("示范市全国书法协会", "social_group", "示范市")).toEqual(["全国"]);
    expect(nameProblems("示范市第一培训学校", "private_non_enterprise", "示范市")).toEqual(["第一"]);
    expect(nameProblems("示范市国家级摄影家协会", "social_group", "示范市")).toEqual(["国家级"]);
    expect(nameProblems("示范市阳光总医院", "private_non_enterprise", "示范市")).toEqual(["总"]);
    expect(nameProblems("示范市慈善总会", "social_group", "示范市")).toEqual([]);
    expect(nameProblems("示范市河南商会", "social_group", "示范市")).toEqual([]);
  });

  it("R-A4: 30,000 generated names of every type use no banned word and end in their type's suffix", () => {
    const rnd = createRandom(1);
    for (const type of TYPES) {
      for (let i = 0; i < 10_000; i++) {
        const prefix = rnd.pick(["示范市", "市", "东湖区"]);
        const g = organizationName(rnd, type, prefix, PLACES);
        expect(nameProblems(g.name, type, prefix), g.name).toEqual([]);
        expect(g.name).toBe(prefix + g.body);
        if (type === "foundation") expect(g.name).toMatch(/基金会$/);
        if (type === "social_group") expect(g.name).toMatch(/会$/);
        if (type === "private_non_enterprise") expect(g.name).not.toMatch(/(协会|学会|商会|基金会)$/);
      }
    }
  });

  it("R-A4: a 民非 字号 has at least two characters", () => {
    const rnd = createRandom(2);
    for (let i = 0; i < 5_000; i++) expect(Array.from(brandName(rnd)).length).toBeGreaterThanOrEqual(2);
  });

  it("R-A4: drawUniqueName never repeats a name within an authority, whatever the place prefix", () => {
    const rnd = createRandom(3);
    for (const type of TYPES) {
      const taken = new Set<string>();
      const bodies: string[] = [];
      const names = new Set<string>();
      for (let i = 0; i < 3_000; i++) {
        const g = drawUniqueName(rnd, taken, type, rnd.pick(["示范市", "市"]), PLACES);
        bodies.push(g.body);
        names.add(g.name);
      }
      // 示范市河南商会 and 市河南商会 would be the same organization: bodies are unique, not only names.
      expect(new Set(bodies).size).toBe(3_000);
      expect(names.size).toBe(3_000);
      expect(taken.size).toBe(3_000);
    }
  });

  it("drawUniqueName keeps going when an authority's usual names run out (a 社区 qualifier)", () => {
    const rnd = createRandom(4);
    const taken = new Set<string>();
    // One category has only a few hundred bodies; 2,000 draws must still all be unique and clean.
    for (let i = 0; i < 2_000; i++) {
      const g = drawUniqueName(rnd, taken, "social_group", "东湖区", PLACES, "hometown");
      expect(nameProblems(g.name, "social_group", "东湖区")).toEqual([]);
    }
    expect(taken.size).toBe(2_000);
  });

  it("is deterministic: the same seed gives the same names, people and addresses; another seed does not", () => {
    const run = (seed: number) => {
      const rnd = createRandom(seed);
      const taken = new Set<string>();
      return Array.from({ length: 200 }, (_, i) => [
        drawUniqueName(rnd, taken, TYPES[i % 3]!, "示范市", PLACES).name,
        personName(rnd),
        address(rnd, "示范市", "东湖区"),
      ]);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it("makes up two- or three-character person names and addresses inside the given city and district", () => {
    const rnd = createRandom(5);
    for (let i = 0; i < 2_000; i++) {
      expect(Array.from(personName(rnd)).length).toBeGreaterThanOrEqual(2);
      expect(Array.from(personName(rnd)).length).toBeLessThanOrEqual(3);
      expect(address(rnd, "示范市", "西山区")).toMatch(/^示范市西山区.+号/);
    }
  });
});

describe("seed register facts (db/seed/profile.ts)", () => {
  it("R-A1/R-A2: capital meets the local minimums (社团 ¥30,000; 基金会 ¥2,000,000 非公募, ¥4,000,000 公募)", () => {
    const rnd = createRandom(6);
    for (let i = 0; i < 5_000; i++) {
      expect(capitalFen(rnd, "social_group", "sports", null)).toBeGreaterThanOrEqual(30_000_00);
      expect(capitalFen(rnd, "foundation", "charity", "non_public")).toBeGreaterThanOrEqual(2_000_000_00);
      expect(capitalFen(rnd, "foundation", "charity", "public")).toBeGreaterThanOrEqual(4_000_000_00);
      expect(capitalFen(rnd, "private_non_enterprise", "education", null)).toBeGreaterThan(0);
    }
  });

  it("R-A11: 行业协会商会 are 直接登记 or 脱钩 with a 党建领导机关 and no supervisor; others name one", () => {
    const rnd = createRandom(7);
    const place = { level: "city" as const, city: "示范市", district: "" };
    let trade = 0;
    for (let i = 0; i < 3_000; i++) {
      const type = TYPES[i % 3]!;
      const g = organizationName(rnd, type, "示范市");
      const on = i % 2 ? "2010-05-04" : "2021-05-04";
      const p = orgProfile(rnd, type, g, place, on);
      if (p.supervisionMode === "supervised") {
        expect(p.supervisor).toMatch(/^(示范市|共青团示范市)/);
        expect(p.partyBuildingAuthority).toBeNull();
      } else {
        expect(p.supervisor).toBeNull();
        expect(p.partyBuildingAuthority).toMatch(/^中共示范市/);
      }
      if (type === "social_group" && g.trade) {
        trade++;
        expect(p.supervisionMode).toBe(on < "2016-01-01" ? "decoupled" : "direct");
      }
      if (p.publicFundraising) expect(p.isCharity).toBe(true);
      expect(p.activityArea).toBe("示范市行政区域内");
    }
    expect(trade).toBeGreaterThan(100);
  });
});
