/** /registrar/notices, /supervisor/notices: the reviewer's in-app notices (what is new in the queue). */
import type { SessionUser } from "../../../src/context";
import type { Notice } from "../../../src/inspection/contract";
import { Layout } from "../../layout";
import { NoticeList } from "./shared";

export function NoticesPage({ user, base, notices }: { user: SessionUser; base: string; notices: Notice[] }) {
  return (
    <Layout title="站内通知" user={user}>
      <p>
        <a href={`${base}/inspections`}>← 年检待办</a>
      </p>
      <h1>站内通知</h1>
      <NoticeList notices={notices} base={base} />
    </Layout>
  );
}
