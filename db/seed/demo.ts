import type { Db } from "../../src/db";

/** Demo accounts (demo mode only). Filled in by the accounts work. */
export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_ACCOUNTS: { username: string; role: string; description: string }[] = [];

/** Seeds the demo city (示范市). Placeholder until the seed work lands. */
export async function seedDemoCity(_db: Db): Promise<{ organizations: number }> {
  return { organizations: 0 };
}
