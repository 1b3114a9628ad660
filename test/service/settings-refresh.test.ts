import { describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import type { AppDeps } from "../../src/context";
import { openMemoryDatabase } from "../../src/node-db";
import { cachedDeps, createSettingsCache, refreshDeps } from "../../src/settings/service";

/**
 * The domain settings in effect today are read again every few seconds. When the cached entry expires under load,
 * the requests of that moment share one read rather than each querying the settings (a burst of 50 queries every
 * ten seconds on a busy server).
 */
describe("the settings cache's refresh", () => {
  it("fifty requests that find the entry expired wait for one read of the settings, and then find it cached", async () => {
    const { db, client } = await openMemoryDatabase();
    let reads = 0;
    const execute = client.execute.bind(client);
    (client as unknown as { execute: typeof execute }).execute = ((...args: Parameters<typeof execute>) => {
      reads++;
      return execute(...args);
    }) as typeof execute;
    const deps = { db, config: testConfig(), settingsCache: createSettingsCache() } as AppDeps;
    expect(cachedDeps(deps)).toBeNull();
    const all = await Promise.all(Array.from({ length: 50 }, () => refreshDeps(deps)));
    expect(new Set(all).size).toBe(1);
    expect(reads).toBe(1);
    expect(cachedDeps(deps)).toBe(all[0]);
    expect(deps.settingsCache!.pending).toBeNull();
  });
});
