import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMemoryDatabase } from "../../src/node-db";
import { IMPORT_MAX_BYTES, IMPORT_MAX_MB } from "../../src/registration/bulk";
import { createUser, signIn } from "../support/auth";
import { memoryStorage } from "../support/inspection";
import { ensureAuthority } from "../support/orgs";

/** One upload limit: the number the import page shows is the one enforced, and the body limit lets it through. */
describe("the upload limit", () => {
  it("is shown on the import page and enforced with the same number", async () => {
    const { db } = await openMemoryDatabase();
    const district = await ensureAuthority(db, { code: "159901", name: "示范市东湖区民政局" });
    const { cookie } = await signIn(
      db,
      (await createUser(db, { role: "registrar", authorityId: district })).id,
    );
    const app = createApp({ db, config: testConfig(), storage: memoryStorage() });
    const page = await (await app.request("/registrar/import", { headers: { Cookie: cookie } })).text();
    expect(page).toContain(`不超过 ${IMPORT_MAX_MB} MB`);
    expect(testConfig().bodyLimitBytes).toBeGreaterThan(IMPORT_MAX_BYTES);

    const fd = new FormData();
    fd.set(
      "file",
      new File([new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41)], "大文件.csv", { type: "text/csv" }),
    );
    const res = await app.request("/registrar/import", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost" },
      body: fd,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`文件超过 ${IMPORT_MAX_MB} MB`);
  });
});
