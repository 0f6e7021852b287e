import { describe, expect, it } from "vitest";
import {
  decodeFeedBytes,
  FeedError,
  htmlToText,
  MAX_ITEMS,
  MAX_SUMMARY_CHARS,
  parseFeed,
  parseFeedDate,
} from "./feed-parse";

/** Shaped like the RSS of a provincial police portal: CDATA HTML, entities, RFC 822 dates. */
const POLICE_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title><![CDATA[Công an tỉnh Đồng Nai - Tin tức]]></title>
    <link>https://congan.dongnai.gov.vn/</link>
    <atom:link href="https://congan.dongnai.gov.vn/rss/tin-tuc.rss" rel="self" type="application/rss+xml"/>
    <description>Cổng thông tin điện tử Công an tỉnh Đồng Nai</description>
    <language>vi-VN</language>
    <item>
      <title><![CDATA[Cảnh báo thủ đoạn giả danh Công an gọi điện "hỗ trợ" cài đặt VNeID]]></title>
      <link>https://congan.dongnai.gov.vn/tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-1234.html</link>
      <guid isPermaLink="false">cadn-1234</guid>
      <pubDate>Thu, 26 Nov 2026 08:15:00 +0700</pubDate>
      <description><![CDATA[<p><img src="https://congan.dongnai.gov.vn/img/1234.jpg" alt="ảnh"/></p>
<p>Thời gian gần đây, Công an tỉnh Đồng Nai nhận được nhiều tin báo về việc đối tượng
<strong>giả danh cán bộ Công an</strong> gọi điện yêu cầu người dân cài đặt ứng dụng lạ.</p>
<p>Người dân cần lưu ý:</p>
<ul><li>Không cung cấp mã OTP cho bất kỳ ai;</li><li>Không chuyển tiền &amp; không bấm vào đường link lạ.</li></ul>
<p>Mọi thắc mắc liên hệ Công an xã, phường n&#417;i c&#432; tr&#250; &ndash; đường dây nóng 0251.3822.xxx.</p>
<script>alert("x")</script>]]></description>
    </item>
    <item>
      <title>Tuyên truyền Luật Căn cước &amp; Luật Trật tự, an toàn giao thông đường bộ</title>
      <link>https://congan.dongnai.gov.vn/tin-tuc/tuyen-truyen-luat-1240.html</link>
      <guid>https://congan.dongnai.gov.vn/tin-tuc/tuyen-truyen-luat-1240.html</guid>
      <pubDate>Fri, 27 Nov 2026 09:30:00 +0700</pubDate>
      <description>&lt;p&gt;Ngày 27/11, Công an tỉnh tổ chức tuyên truyền tại x&amp;#227; Đông Tâm.&lt;/p&gt;&lt;p&gt;Đoạn hai.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Phòng cháy, chữa cháy mùa khô</title>
      <link>https://congan.dongnai.gov.vn/tin-tuc/pccc-1201.html</link>
      <guid>cadn-1201</guid>
      <pubDate>Mon, 23 Nov 2026 02:00:00 GMT</pubDate>
      <description>Kiểm tra bình chữa cháy định kỳ.</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <title type="text">Công an xã Đông Tâm</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-27T10:00:00+07:00</updated>
  <link rel="self" href="https://dongtam.example.vn/atom.xml"/>
  <link href="https://dongtam.example.vn/"/>
  <entry>
    <title type="html">Thông báo &lt;b&gt;truy nã&lt;/b&gt; đối tượng</title>
    <id>tag:dongtam.example.vn,2026:truy-na-15</id>
    <link rel="alternate" type="text/html" href="/thong-bao/truy-na-15"/>
    <link rel="enclosure" type="image/jpeg" href="https://dongtam.example.vn/anh/15.jpg"/>
    <updated>2026-11-25T07:00:00Z</updated>
    <published>2026-11-25T06:00:00Z</published>
    <summary type="html">&lt;p&gt;Ai biết tung tích đối tượng, báo ngay cho Công an xã.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Lịch tiếp công dân tháng 12</title>
    <id>tag:dongtam.example.vn,2026:lich-16</id>
    <link href="https://dongtam.example.vn/lich-16"/>
    <updated>2026-11-27T08:00:00+07:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Thứ Hai &amp; thứ Năm</p><p>Buổi sáng</p></div></content>
  </entry>
</feed>`;

const rssWith = (items: string, channelExtra = "<title>Nguồn</title>") =>
  `<?xml version="1.0"?><rss version="2.0"><channel>${channelExtra}${items}</channel></rss>`;

function notAFeed(xml: string): void {
  let caught: unknown;
  try {
    parseFeed(xml);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FeedError);
  expect((caught as FeedError).code).toBe("NOT_A_FEED");
  expect((caught as FeedError).message).toMatch(/RSS hoặc Atom/);
}

describe("parseFeed — RSS 2.0", () => {
  const feed = parseFeed(POLICE_RSS);

  it("reads the channel title from CDATA, Vietnamese intact", () => {
    expect(feed.title).toBe("Công an tỉnh Đồng Nai - Tin tức");
  });

  it("sorts items newest first and takes guid, link and date", () => {
    expect(feed.items.map((i) => i.guid)).toEqual([
      "https://congan.dongnai.gov.vn/tin-tuc/tuyen-truyen-luat-1240.html",
      "cadn-1234",
      "cadn-1201",
    ]);
    const [law, scam, fire] = feed.items;
    expect(law?.publishedAt?.toISOString()).toBe("2026-11-27T02:30:00.000Z");
    expect(scam?.publishedAt?.toISOString()).toBe("2026-11-26T01:15:00.000Z");
    expect(fire?.publishedAt?.toISOString()).toBe("2026-11-23T02:00:00.000Z");
    expect(scam?.link).toBe(
      "https://congan.dongnai.gov.vn/tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-1234.html",
    );
  });

  it("decodes entities in titles", () => {
    expect(feed.items[0]?.title).toBe(
      "Tuyên truyền Luật Căn cước & Luật Trật tự, an toàn giao thông đường bộ",
    );
    expect(feed.items[1]?.title).toBe('Cảnh báo thủ đoạn giả danh Công an gọi điện "hỗ trợ" cài đặt VNeID');
  });

  it("turns a CDATA HTML description into plain text with line breaks and list items", () => {
    expect(feed.items[1]?.summary).toBe(
      [
        "Thời gian gần đây, Công an tỉnh Đồng Nai nhận được nhiều tin báo về việc đối tượng giả danh cán bộ Công an gọi điện yêu cầu người dân cài đặt ứng dụng lạ.",
        "Người dân cần lưu ý:",
        "- Không cung cấp mã OTP cho bất kỳ ai;",
        "- Không chuyển tiền & không bấm vào đường link lạ.",
        "Mọi thắc mắc liên hệ Công an xã, phường nơi cư trú – đường dây nóng 0251.3822.xxx.",
      ].join("\n"),
    );
    expect(feed.items[1]?.summary).not.toMatch(/alert|<|>/);
  });

  it("turns an escaped HTML description into text, decoding a double-escaped reference once more", () => {
    expect(feed.items[0]?.summary).toBe(
      "Ngày 27/11, Công an tỉnh tổ chức tuyên truyền tại xã Đông Tâm.\nĐoạn hai.",
    );
  });

  it("keeps the composed (NFC) form of Vietnamese letters", () => {
    for (const item of feed.items) {
      expect(item.title).toBe(item.title.normalize("NFC"));
      expect(item.summary).toBe(item.summary.normalize("NFC"));
    }
    // Decomposed input (e.g. from a Mac editor) comes out composed.
    const nfd = "Đồng Nai".normalize("NFD");
    expect(parseFeed(rssWith(`<item><title>${nfd}</title><guid>x</guid></item>`)).items[0]?.title).toBe(
      "Đồng Nai",
    );
  });

  it("falls back to the link when guid is missing, and to a hash of title and date after that", () => {
    const { items } = parseFeed(
      rssWith(`
        <item><title>Có link</title><link>https://example.vn/a</link><pubDate>Fri, 27 Nov 2026 09:30:00 +0700</pubDate></item>
        <item><title>Không link</title><pubDate>Thu, 26 Nov 2026 09:30:00 +0700</pubDate></item>
        <item><title>Không link</title><pubDate>Wed, 25 Nov 2026 09:30:00 +0700</pubDate></item>`),
    );
    expect(items[0]?.guid).toBe("https://example.vn/a");
    expect(items[1]?.guid).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(items[2]?.guid).toMatch(/^sha256:[0-9a-f]{32}$/);
    // Same title, different dates: different items.
    expect(items[1]?.guid).not.toBe(items[2]?.guid);
    // Stable across polls, so the relay does not repost it.
    const again = parseFeed(
      rssWith(`<item><title>Không link</title><pubDate>Thu, 26 Nov 2026 09:30:00 +0700</pubDate></item>`),
    );
    expect(again.items[0]?.guid).toBe(items[1]?.guid);
    expect(items[1]?.link).toBeNull();
  });

  it("uses a permalink guid as the link, but not one marked isPermaLink=false", () => {
    const { items } = parseFeed(
      rssWith(`<item><title>A</title><guid>https://example.vn/p/1</guid></item>
               <item><title>B</title><guid isPermaLink="false">https://example.vn/p/2</guid></item>`),
    );
    expect(items.map((i) => i.link)).toEqual(["https://example.vn/p/1", null]);
  });

  it("drops links that are not http(s) and resolves relative ones against the channel link", () => {
    const { items } = parseFeed(
      rssWith(
        `<item><title>A</title><guid>a</guid><link>javascript:alert(1)</link></item>
         <item><title>B</title><guid>b</guid><link>/tin/b.html</link></item>`,
        "<title>N</title><link>https://congan.example.vn/</link>",
      ),
    );
    expect(items.map((i) => i.link)).toEqual([null, "https://congan.example.vn/tin/b.html"]);
  });

  it("uses content:encoded when there is no description, and the text when there is no title", () => {
    const { items } = parseFeed(
      rssWith(
        `<item><guid>a</guid><content:encoded><![CDATA[<p>Chỉ có nội dung, không có tiêu đề.</p>]]></content:encoded></item>
         <item><guid>b</guid></item>`,
      ).replace("<rss ", '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '),
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.title).toBe("Chỉ có nội dung, không có tiêu đề.");
    expect(items[0]?.summary).toBe("Chỉ có nội dung, không có tiêu đề.");
  });

  it("keeps 50 items, trims summaries to 2000 characters and drops duplicate guids", () => {
    const long = "Đoạn văn dài. ".repeat(400);
    const items = Array.from(
      { length: 60 },
      (_, i) =>
        `<item><title>Tin ${i}</title><guid>g${i % 55}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1 + i)).toUTCString()}</pubDate><description>${long}</description></item>`,
    ).join("");
    const feed = parseFeed(rssWith(items));
    expect(feed.items).toHaveLength(MAX_ITEMS);
    // g0…g4 appear twice; the first occurrence (older item) wins, the newest items come first.
    expect(feed.items[0]?.title).toBe("Tin 54");
    expect(new Set(feed.items.map((i) => i.guid)).size).toBe(MAX_ITEMS);
    const summary = feed.items[0]?.summary ?? "";
    expect(Array.from(summary).length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary.endsWith("…")).toBe(true);
  });

  it("puts undated items after dated ones and tolerates bad dates", () => {
    const { items } = parseFeed(
      rssWith(`<item><title>Không ngày</title><guid>a</guid></item>
               <item><title>Ngày hỏng</title><guid>b</guid><pubDate>hôm qua</pubDate></item>
               <item><title>Có ngày</title><guid>c</guid><pubDate>27 Nov 2026 09:30 +0700</pubDate></item>`),
    );
    expect(items.map((i) => i.title)).toEqual(["Có ngày", "Không ngày", "Ngày hỏng"]);
    expect(items[2]?.publishedAt).toBeNull();
  });

  it("parses an empty channel as a feed without items", () => {
    expect(parseFeed(rssWith("", "<title>Trống</title>"))).toEqual({ title: "Trống", items: [] });
    expect(parseFeed('<rss version="2.0"><channel/></rss>')).toEqual({ title: "", items: [] });
  });
});

describe("parseFeed — Atom 1.0", () => {
  const feed = parseFeed(ATOM);

  it("reads title, id, alternate link (resolved), published before updated", () => {
    expect(feed.title).toBe("Công an xã Đông Tâm");
    expect(feed.items).toHaveLength(2);
    const [schedule, wanted] = feed.items;
    expect(wanted).toEqual({
      guid: "tag:dongtam.example.vn,2026:truy-na-15",
      title: "Thông báo truy nã đối tượng",
      link: "https://dongtam.example.vn/thong-bao/truy-na-15",
      summary: "Ai biết tung tích đối tượng, báo ngay cho Công an xã.",
      publishedAt: new Date("2026-11-25T06:00:00Z"),
    });
    expect(schedule?.publishedAt?.toISOString()).toBe("2026-11-27T01:00:00.000Z");
  });

  it("reduces XHTML content to text when there is no summary", () => {
    expect(feed.items[0]?.summary).toBe("Thứ Hai & thứ Năm\nBuổi sáng");
    expect(feed.items[0]?.link).toBe("https://dongtam.example.vn/lich-16");
  });

  it("keeps a plain-text Atom title literally (no HTML stripping)", () => {
    const f = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>a &lt;b&gt; c</title><entry><id>1</id><title>x &lt; y &amp;amp; z</title></entry></feed>`,
    );
    expect(f.title).toBe("a <b> c");
    expect(f.items[0]?.title).toBe("x < y &amp; z");
  });

  it("parses an empty feed", () => {
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toEqual({ title: "", items: [] });
  });
});

describe("parseFeed — not a feed", () => {
  it("rejects garbage", () => {
    notAFeed("");
    notAFeed("   ");
    notAFeed("hello world");
    notAFeed('{"items": []}');
    notAFeed("\u0000\u0001binary");
  });

  it("rejects an HTML page", () => {
    notAFeed(
      `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Công an tỉnh</title></head><body><p>Trang chủ<br></p></body></html>`,
    );
    // Even well-formed XHTML is not a feed.
    notAFeed(`<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body/></html>`);
  });

  it("rejects well-formed XML that is neither RSS nor Atom, and truncated feeds", () => {
    notAFeed(`<?xml version="1.0"?><sitemap><url>https://example.vn</url></sitemap>`);
    notAFeed(`<rss version="2.0"></rss>`);
    notAFeed(POLICE_RSS.slice(0, POLICE_RSS.length / 2));
  });

  it("never reads external entities (XXE) and does not expand DOCTYPE entities", () => {
    notAFeed(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>`,
    );
    const laughs = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol; &lol2;</title><item><title>t &lol;</title><guid>1</guid></item></channel></rss>`;
    const feed = parseFeed(laughs);
    expect(feed.title).toBe("&lol; &lol2;");
    expect(feed.items[0]?.title).toBe("t &lol;");
  });
});

describe("htmlToText", () => {
  it("decodes named and numeric entities, including Vietnamese letters", () => {
    expect(htmlToText("Vi&#7879;t Nam &amp; C&ocirc;ng an &#x1EC7; &quot;x&quot; &nbsp;a&hellip;")).toBe(
      'Việt Nam & Công an ệ "x" a…',
    );
    expect(htmlToText("&#0; &#xD800; &#99999999; &unknown;")).toBe("\ufffd \ufffd \ufffd &unknown;");
  });

  it("keeps paragraph breaks as single newlines and drops scripts, styles and comments", () => {
    expect(
      htmlToText("<h2>Tiêu đề</h2><p>Một</p>\n\n<p>Hai<br/>Ba</p><!-- x --><style>p{}</style><div>Bốn</div>"),
    ).toBe("Tiêu đề\nMột\nHai\nBa\nBốn");
  });

  it("keeps the line breaks of a plain-text description, but not those of HTML source", () => {
    expect(htmlToText("Dòng một\nDòng hai\r\n\r\nDòng ba")).toBe("Dòng một\nDòng hai\nDòng ba");
    expect(htmlToText("<p>Một câu\nvắt dòng</p>")).toBe("Một câu vắt dòng");
  });

  it("leaves a literal < that is not a tag, and stays fast on hostile input", () => {
    expect(htmlToText("a < b và c<d")).toBe("a < b và c<d");
    const hostile = `<a "${"<a x".repeat(50_000)}`;
    const started = performance.now();
    htmlToText(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("parseFeedDate", () => {
  it.each([
    ["Fri, 27 Nov 2026 09:30:00 +0700", "2026-11-27T02:30:00.000Z"],
    ["27 Nov 2026 09:30 +0700", "2026-11-27T02:30:00.000Z"],
    ["Fri, 27 Nov 26 02:30:00 GMT", "2026-11-27T02:30:00.000Z"],
    ["Fri, 27 Nov 2026 09:30:00 ICT", "2026-11-27T02:30:00.000Z"],
    ["Thu, 26 Nov 2026 21:30:00 EST", "2026-11-27T02:30:00.000Z"],
    ["Fri, 27 Nov 2026 09:30:00", "2026-11-27T02:30:00.000Z"],
    ["2026-11-27T09:30:00+07:00", "2026-11-27T02:30:00.000Z"],
    ["2026-11-27T02:30:00.123Z", "2026-11-27T02:30:00.000Z"],
    ["2026-11-27 09:30:00", "2026-11-27T02:30:00.000Z"],
    ["27/11/2026 09:30", "2026-11-27T02:30:00.000Z"],
  ])("%s", (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    "",
    "hôm qua",
    "31 Feb 2026 10:00:00 +0700",
    "Fri, 27 Foo 2026 09:30:00 +0700",
    "2026-13-01T00:00:00Z",
  ])("rejects %j", (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});

describe("decodeFeedBytes", () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it("reads UTF-8 with or without a BOM", () => {
    expect(decodeFeedBytes(utf8("<rss>Đồng Nai</rss>"), null)).toBe("<rss>Đồng Nai</rss>");
    expect(decodeFeedBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("<rss>ệ</rss>")]), null)).toBe(
      "<rss>ệ</rss>",
    );
  });

  it("reads a windows-1258 feed declared in the XML declaration, composing tone marks (NFC)", () => {
    // "Công an tỉnh Đồng Nai" in windows-1258: ô=F4, Đ=D0, tone marks are combining bytes (CC=grave, D2=hook…).
    const decl = utf8('<?xml version="1.0" encoding="windows-1258"?><rss><channel><title>');
    const title = [0x43, 0xf4, 0x6e, 0x67, 0x20, 0x61, 0x6e, 0x20, 0x74, 0x69, 0xd2, 0x6e, 0x68, 0x20];
    const dongNai = [0xd0, 0xf4, 0xcc, 0x6e, 0x67, 0x20, 0x4e, 0x61, 0x69];
    const end = utf8("</title></channel></rss>");
    const text = decodeFeedBytes(
      new Uint8Array([...decl, ...title, ...dongNai, ...end]),
      "text/xml; charset=utf-8",
    );
    expect(parseFeed(text).title).toBe("Công an tỉnh Đồng Nai");
    expect(text).toBe(text.normalize("NFC"));
  });

  it("falls back to the HTTP charset, and to UTF-8 for an unknown label", () => {
    expect(
      decodeFeedBytes(new Uint8Array([0x3c, 0x61, 0x3e, 0xe9]), "application/xml; charset=ISO-8859-1"),
    ).toBe("<a>é");
    expect(decodeFeedBytes(utf8('<?xml version="1.0" encoding="x-bogus"?><a>ệ</a>'), null)).toContain(
      "<a>ệ</a>",
    );
  });
});
