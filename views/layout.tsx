import type { Child } from "hono/jsx";
import { APP_JS_PATH, assetUrl, CSS_PATH, HTMX_PATH } from "../src/assets";
import type { SessionUser } from "../src/context";

export interface LayoutProps {
  title: string;
  user?: SessionUser | null;
  /** Which top-level area is current, for the navigation. */
  area?: "public" | "portal" | "supervisor" | "registrar" | "admin" | "account";
  /** Atom feeds of this page's list, announced to browsers and feed readers (`<link rel="alternate">`). */
  feeds?: { title: string; href: string }[];
  children?: Child;
}

const ROLE_HOME: Record<SessionUser["role"], { href: string; label: string }> = {
  org: { href: "/portal", label: "本单位工作台" },
  supervisor: { href: "/supervisor", label: "业务主管单位工作台" },
  registrar: { href: "/registrar", label: "登记管理机关工作台" },
  party: { href: "/party", label: "党建工作台" },
  admin: { href: "/admin", label: "系统管理" },
};

export function Layout({ title, user, feeds, children }: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - 社会组织登记管理信息系统`}</title>
        <link rel="stylesheet" href={assetUrl(CSS_PATH)} />
        <script src={assetUrl(HTMX_PATH)} defer></script>
        <script src={assetUrl(APP_JS_PATH)} defer></script>
        {(feeds ?? []).map((f) => (
          <link rel="alternate" type="application/atom+xml" title={f.title} href={f.href} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="/">
              社会组织登记管理信息系统
            </a>
            <nav aria-label="主导航" class="main-nav">
              <a href="/search">查询社会组织</a>
              <a href="/announcements">登记公告</a>
              <a href="/credit">信用公示</a>
              <a href="/inspection-results">年检结论</a>
              <a href="/apply">申请成立</a>
              <a href="/data">开放数据</a>
              {user ? (
                <>
                  <a href={ROLE_HOME[user.role].href}>{ROLE_HOME[user.role].label}</a>
                  <a href="/account">{user.displayName}</a>
                  <form method="post" action="/logout" class="inline-form">
                    <button type="submit" class="link-button">
                      退出登录
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">登录</a>
              )}
            </nav>
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>登记管理机关：示范市民政局 · 年检不收取任何费用 · 数据以登记管理机关登记为准</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ErrorPage({
  status,
  title,
  message,
  user,
}: {
  status: number;
  title: string;
  message: Child;
  user?: SessionUser | null;
}) {
  return (
    <Layout title={title} user={user}>
      <h1>{title}</h1>
      <div class="error-page" data-status={status}>
        {message}
      </div>
      <p>
        <a href="/">返回首页</a> · <a href="/search">查询社会组织</a>
      </p>
    </Layout>
  );
}
