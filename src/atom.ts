/**
 * Atom 1.0 feeds (RFC 4287) of the public registers (公告, the credit lists), so anyone can follow them in a feed
 * reader. Entries carry tag: URIs that stay stable, a link to the organization's page and dates at 00:00 China time.
 */
export interface AtomEntry {
  /** Unique within the feed, e.g. "announcement:42" (prefixed with the host and date into a tag: URI). */
  key: string;
  /** YYYY-MM-DD. */
  on: string;
  title: string;
  /** A path on this site, e.g. /orgs/{code}. */
  href: string;
  author: string;
  category: string;
  summary: string;
}

export const xml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** The feed, newest entry first; `alternatePath` is the HTML page the feed follows. */
export function atomFeed(
  origin: string,
  feed: { selfPath: string; alternatePath: string; title: string },
  entries: AtomEntry[],
): string {
  const host = new URL(origin).host;
  const updated = entries[0] ? `${entries[0].on}T00:00:00+08:00` : "2000-01-01T00:00:00+08:00";
  const items = entries
    .map(
      (e) => `  <entry>
    <id>tag:${xml(host)},${e.on}:${xml(e.key)}</id>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(origin + e.href)}"/>
    <updated>${e.on}T00:00:00+08:00</updated>
    <author><name>${xml(e.author)}</name></author>
    <category term="${xml(e.category)}"/>
    <summary type="text">${xml(e.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(origin + feed.selfPath)}</id>
  <title>${xml(feed.title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(origin + feed.selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xml(origin + feed.alternatePath)}"/>
${items}
</feed>
`;
}
