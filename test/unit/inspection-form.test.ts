import { describe, expect, it } from "vitest";
import { issuesByField, sectionSchemas } from "../../src/domain/inspection-report";
import { checkAttachment, cleanFilename, sniffContentType } from "../../src/inspection/attachments";
import { checkSectionFields, formToSectionInput } from "../../src/inspection/form";

describe("form fields → section input (R-C5: each section saves on its own from a plain form)", () => {
  it("nests dotted names, with or without the section prefix, and brackets", () => {
    expect(
      formToSectionInput("finances", {
        "balance.assets": "1",
        "finances.balance.liabilities": "2",
        "income[total]": "3",
      }),
    ).toEqual({ balance: { assets: "1", liabilities: "2" }, income: { total: "3" } });
  });

  it("hostile names never reach Object.prototype and are named as undeclared", () => {
    for (const name of [
      "__proto__.polluted",
      "constructor.prototype.polluted",
      "hasOwnProperty.call",
      "toString",
      "items.__proto__.kind",
      "items[constructor][prototype][polluted]",
    ]) {
      const form = { [name]: "yes", "items.0.kind": "board" };
      expect(checkSectionFields("meetings", form), name).not.toBeNull();
      formToSectionInput("meetings", form);
      expect(({} as Record<string, unknown>).polluted, name).toBeUndefined();
      expect(typeof Object.prototype.hasOwnProperty.call).toBe("function");
    }
  });

  it("list indices stop at the schema's maximum: a million-row index allocates nothing and is refused", () => {
    expect(checkSectionFields("meetings", { "items.499.kind": "board" })).toBeNull();
    for (const index of ["500", "1000000", "99999999999", "1e6", "-1", "0x10"]) {
      expect(checkSectionFields("meetings", { [`items.${index}.kind`]: "board" }), index).not.toBeNull();
    }
    expect(formToSectionInput("meetings", { "items.1000000.date": "2025-01-01" })).toEqual({ items: [] });
  });

  it("declared map keys (the finance explanations) are accepted and others refused", () => {
    expect(checkSectionFields("finances", { "changeExplanations.balance.assets": "新增房产" })).toBeNull();
    expect(checkSectionFields("finances", { "changeExplanations.__proto__": "x" })).not.toBeNull();
    expect(checkSectionFields("finances", { "balance.assets": "1", extra: "2" })).not.toBeNull();
  });

  it("builds lists from numbered rows in order, closing gaps and dropping spare blank rows", () => {
    const input = formToSectionInput("meetings", {
      "items.2.kind": "board",
      "items.2.date": "2025-09-01",
      "items.0.kind": "general_assembly",
      "items.0.date": "2025-06-01",
      "items.5.kind": "",
      "items.5.date": "",
    });
    expect(input).toEqual({
      items: [
        { kind: "general_assembly", date: "2025-06-01" },
        { kind: "board", date: "2025-09-01" },
      ],
    });
  });

  it("an absent list means none, so a section with nothing to report still saves", () => {
    expect(formToSectionInput("branches", {})).toEqual({ items: [] });
    expect(sectionSchemas.branches.safeParse(formToSectionInput("branches", {})).success).toBe(true);
    expect(formToSectionInput("donations", { receivedTotal: "0", grantsTotal: "0" })).toEqual({
      receivedTotal: "0",
      grantsTotal: "0",
      received: [],
      grants: [],
    });
  });

  it("a repeated name keeps the last value (hidden 0 + ticked checkbox 1)", () => {
    expect(formToSectionInput("declaration", { agreed: ["0", "1"] })).toEqual({ agreed: "1" });
  });

  it("keeps a finance field's name whole inside changeExplanations (its keys contain dots)", () => {
    expect(
      formToSectionInput("finances", { "changeExplanations.balance.assets": "购置房产" }).changeExplanations,
    ).toEqual({ "balance.assets": "购置房产" });
  });

  it("ignores names that could reach the prototype", () => {
    const input = formToSectionInput("staff", { "__proto__.polluted": "x", "constructor.prototype.y": "z" });
    expect(input).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("R-C5: money typed in yuan reaches the schema as text and comes out in exact fen; errors name the field", () => {
    const base = {
      "balance.assets": "１２３，４５６．７８",
      "balance.liabilities": "0.29",
      "balance.netAssets": "123,456.49",
    };
    const zero = Object.fromEntries(
      [
        "income.donations",
        "income.governmentGrants",
        "income.serviceIncome",
        "income.membershipDues",
        "income.investment",
        "income.other",
        "income.total",
        "expenses.charitable",
        "expenses.management",
        "expenses.fundraising",
        "expenses.other",
        "expenses.total",
      ].map((k) => [k, "0"]),
    );
    const good = sectionSchemas.finances.safeParse(formToSectionInput("finances", { ...base, ...zero }));
    expect(good.success && good.data.balance).toEqual({
      assets: 12_345_678,
      liabilities: 29,
      netAssets: 12_345_649,
    });
    const bad = sectionSchemas.finances.safeParse(
      formToSectionInput("finances", { ...base, ...zero, "balance.assets": "12,34", "income.total": "-5" }),
    );
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const fields = issuesByField(bad.error);
      expect(fields["balance.assets"]).toContain("千分位");
      expect(fields["income.total"]).toBe("金额不能为负数");
    }
  });
});

describe("attachments are recognised by their bytes, not their name", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
  const pdf = new TextEncoder().encode("%PDF-1.4\n");

  it("sniffs PDF, PNG and JPEG magic numbers and nothing else", () => {
    expect(sniffContentType(pdf)).toBe("application/pdf");
    expect(sniffContentType(png)).toBe("image/png");
    expect(sniffContentType(jpeg)).toBe("image/jpeg");
    expect(sniffContentType(new TextEncoder().encode("%PDF"))).toBeNull();
    expect(sniffContentType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffContentType(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
  });

  it("refuses a renamed file, an empty one and one over 10 MiB, each with its reason", () => {
    const exe = checkAttachment({ name: "签字页.pdf", bytes: new TextEncoder().encode("MZ\x90") });
    expect(exe.ok).toBe(false);
    if (!exe.ok) expect(exe.message).toContain("改扩展名无效");
    expect(checkAttachment({ name: "a.pdf", bytes: new Uint8Array() })).toMatchObject({ ok: false });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf);
    const tooBig = checkAttachment({ name: "a.pdf", bytes: big });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.message).toContain("10 MB");
    const exact = new Uint8Array(10 * 1024 * 1024);
    exact.set(pdf);
    expect(checkAttachment({ name: "a.pdf", bytes: exact })).toEqual({
      ok: true,
      contentType: "application/pdf",
    });
  });

  it("keeps only the base name, without control or reserved characters", () => {
    expect(cleanFilename("C:\\Users\\x\\整改报告.pdf", "application/pdf")).toBe("整改报告.pdf");
    expect(cleanFilename("../../etc/pass\u0000wd", "application/pdf")).toBe("passwd.pdf");
    expect(cleanFilename("..", "image/png")).toBe("附件.png");
  });

  it("names a file by what its bytes are, never by the uploader's extension", () => {
    expect(cleanFilename("年度报告.html", "application/pdf")).toBe("年度报告.pdf");
    expect(cleanFilename("photo.svg", "image/png")).toBe("photo.png");
    expect(cleanFilename(".htaccess", "image/jpeg")).toBe("附件.jpg");
    expect(cleanFilename("签字页.PDF.exe", "application/pdf")).toBe("签字页.PDF.pdf");
  });
});
