import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { FileStorage } from "../context";

/** Files under `<dataDir>/files`, each beside a small metadata file with its content type. */
export function createDiskStorage(dataDir: string): FileStorage {
  const base = resolve(dataDir, "files");
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes("..")) throw new Error(`unsafe storage key: ${key}`);
    return join(base, key);
  };
  return {
    async put(key, data, contentType) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, data);
      await writeFile(`${p}.type`, contentType);
    },
    async get(key) {
      const p = pathOf(key);
      try {
        const [data, type] = await Promise.all([readFile(p), readFile(`${p}.type`, "utf8")]);
        return { data: new Uint8Array(data), contentType: type };
      } catch {
        return null;
      }
    },
    async delete(key) {
      const p = pathOf(key);
      await rm(p, { force: true });
      await rm(`${p}.type`, { force: true });
    },
  };
}
