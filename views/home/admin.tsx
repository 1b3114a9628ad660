import type { SessionUser } from "../../src/context";
import type { AdminHomeData } from "../../src/home/contract";
import { AdminNav } from "../admin/frame";
import { Layout } from "../layout";

export function AdminHome(p: { user: SessionUser; home: AdminHomeData }) {
  return (
    <Layout title="系统管理" user={p.user}>
      <h1>系统管理</h1>
      <AdminNav current="/admin" />
      <ul class="stat-grid">
        {p.home.counts.map((c) => (
          <li>
            <a href={c.href}>
              <span class="stat-value">{c.value.toLocaleString("zh-CN")}</span>
              <span class="stat-label">{c.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
