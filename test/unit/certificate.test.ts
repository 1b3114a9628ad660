import { describe, expect, it } from "vitest";
import { type CertificateFacts, certificateVerdict } from "../../src/domain/certificate";

const base: CertificateFacts = {
  status: "active",
  statusOn: "2020-01-01",
  certificateIssuedOn: "2021-03-01",
  certificateValidFrom: "2021-03-01",
  certificateValidTo: "2026-02-28",
};

describe("certificate verification (R-A9)", () => {
  it("is valid within its validity period, both ends included", () => {
    expect(certificateVerdict(base, "2021-03-01").valid).toBe(true);
    expect(certificateVerdict(base, "2026-02-28").valid).toBe(true);
  });

  it("says why not: expired, not yet valid, never issued", () => {
    expect(certificateVerdict(base, "2026-03-01")).toMatchObject({ valid: false, code: "expired" });
    expect(certificateVerdict(base, "2021-02-28")).toMatchObject({ valid: false, code: "not_yet_valid" });
    expect(certificateVerdict({ ...base, certificateIssuedOn: null }, "2022-01-01")).toMatchObject({
      code: "not_issued",
    });
  });

  it("R-A9: 注销, 撤销 and 吊销 end the certificate whatever its dates, with the date it ended", () => {
    for (const status of ["deregistered", "revoked", "license_revoked"] as const) {
      const v = certificateVerdict({ ...base, status, statusOn: "2024-05-06" }, "2024-06-01");
      expect(v).toMatchObject({ valid: false, code: "terminated" });
      expect(v.reason).toContain("2024年5月6日");
    }
  });
});
