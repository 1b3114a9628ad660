/** What the public register's pages (views/registry, the certificate) receive. */

export type { SearchQuery } from "./params";
export type { OrgDetail, OrgNotice } from "./queries";
export type { SearchResult } from "./search";
