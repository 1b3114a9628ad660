import type { SessionUser } from "../../src/context";
import type { AdminHomeData } from "../../src/home/contract";
import { AdminNav } from "../admin/frame";
import { StatGrid } from "../components/table";
import { Layout } from "../layout";

export function AdminHome(p: { user: SessionUser; home: AdminHomeData }) {
  return (
    <Layout title="系统管理" user={p.user}>
      <h1>系统管理</h1>
      <AdminNav current="/admin" />
      <StatGrid items={p.home.counts.map((c) => ({ ...c, value: c.value.toLocaleString("zh-CN") }))} />
    </Layout>
  );
}
