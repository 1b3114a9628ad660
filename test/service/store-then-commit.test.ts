import { describe, expect, it } from "vitest";
import type { FileStorage } from "../../src/context";
import { storeThenCommit } from "../../src/storage/uploads";

function memoryStorage() {
  const files = new Map<string, Uint8Array>();
  const storage: FileStorage = {
    put: async (key, data) => void files.set(key, data),
    get: async (key) => (files.has(key) ? { data: files.get(key)!, contentType: "" } : null),
    delete: async (key) => void files.delete(key),
  };
  return { files, storage };
}

const pdf = { name: "年检报告.html", bytes: new TextEncoder().encode("%PDF-1.4 test") };

describe("an uploaded file is stored and its row committed, or neither", () => {
  it("keeps the bytes under the prefix with the name of what the file is, once the row is committed", async () => {
    const { files, storage } = memoryStorage();
    const stored = await storeThenCommit(storage, "inspection/7", pdf, "application/pdf", async () => {});
    expect(stored).not.toBe("stale");
    if (stored === "stale") return;
    expect(stored.key.startsWith("inspection/7/")).toBe(true);
    expect(stored.filename).toBe("年检报告.pdf");
    expect(stored.size).toBe(pdf.bytes.length);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect([...files.keys()]).toEqual([stored.key]);
  });

  it("deletes the bytes again and answers stale when someone acted first", async () => {
    const { files, storage } = memoryStorage();
    const stored = await storeThenCommit(storage, "applications/3", pdf, "application/pdf", async () => {
      throw new Error("CHECK constraint failed: write_guard_stale_ck");
    });
    expect(stored).toBe("stale");
    expect(files.size).toBe(0);
  });

  it("deletes the bytes again and passes any other failure on", async () => {
    const { files, storage } = memoryStorage();
    await expect(
      storeThenCommit(storage, "applications/3", pdf, "application/pdf", async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(files.size).toBe(0);
  });
});
