import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AnnouncementCategory, type TAnnouncementCategory } from "@binhyen/contracts";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { CAP_NAMESPACE, type CapInput, capDateTime, plainBody, toCapXml } from "./cap";

const XSD = fileURLToPath(new URL("./fixtures/CAP-v1.2.xsd", import.meta.url));

const sample: CapInput = {
  id: "0193a0c2-7d4e-7c1a-9f00-2b6c1d0e5a11",
  communeName: "xã Đông Tâm",
  provinceName: "tỉnh Đồng Nai",
  senderDomain: "binhyen.example",
  category: "MISSING_PERSON",
  title: "Tìm người mất tích: cháu Nguyễn Văn An, 12 tuổi",
  body: "Cháu An rời nhà lúc **7 giờ sáng** ngày 26/11, mặc *áo trắng*.\n- Cao khoảng 1m40\n- Tóc ngắn\n\nAi biết tin xin báo Công an xã.",
  urgent: false,
  publishedAt: new Date("2026-11-27T02:30:00.123Z"),
  expiresAt: new Date("2026-12-27T10:59:59Z"),
  withdrawn: false,
  areaDescs: ["Ấp Tân Phú", "Ấp Bình Minh"],
  web: "https://binhyen.example/thong-bao/0193a0c2",
};

const reader = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ["info", "category", "area", "responseType"].includes(name),
});
const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false });

type Alert = {
  "@_xmlns": string;
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  note?: string;
  references?: string;
  info: {
    language: string;
    category: string[];
    event: string;
    responseType: string[];
    urgency: string;
    severity: string;
    certainty: string;
    expires?: string;
    senderName: string;
    headline: string;
    description?: string;
    instruction?: string;
    web?: string;
    area: { areaDesc: string }[];
  }[];
};

const read = (xml: string): Alert => (reader.parse(xml) as { alert: Alert }).alert;
const infoOf = (input: CapInput) => {
  const info = read(toCapXml(input)).info[0];
  if (!info) {
    throw new Error("no <info>");
  }
  return info;
};

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };
/** Child element names, in document order, of the first element called `name` under `nodes`. */
function childNames(nodes: OrderedNode[], name: string): string[] {
  for (const node of nodes) {
    const children = node[name];
    if (Array.isArray(children)) {
      return (children as OrderedNode[]).flatMap((c) =>
        Object.keys(c).filter((k) => k !== ":@" && k !== "#text"),
      );
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== ":@" && Array.isArray(value)) {
        const found = childNames(value as OrderedNode[], name);
        if (found.length > 0) {
          return found;
        }
      }
    }
  }
  return [];
}

describe("toCapXml", () => {
  const xml = toCapXml(sample);
  const alert = read(xml);
  const info = alert.info[0];

  it("is a CAP 1.2 alert with the envelope fields", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(alert["@_xmlns"]).toBe(CAP_NAMESPACE);
    expect(alert.identifier).toBe("binhyen.example:announcement:0193a0c2-7d4e-7c1a-9f00-2b6c1d0e5a11");
    expect(alert.sender).toBe("dong-tam.dong-nai@binhyen.example");
    expect(alert.sent).toBe("2026-11-27T09:30:00+07:00");
    expect(alert.status).toBe("Actual");
    expect(alert.msgType).toBe("Alert");
    expect(alert.scope).toBe("Public");
    expect(alert.references).toBeUndefined();
    expect(alert.info).toHaveLength(1);
  });

  it("fills every <info> field", () => {
    expect(info).toEqual({
      language: "vi-VN",
      category: ["Rescue"],
      event: "Tìm người mất tích",
      responseType: ["Monitor"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      expires: "2026-12-27T17:59:59+07:00",
      senderName: "Công an xã Đông Tâm, tỉnh Đồng Nai",
      headline: "Tìm người mất tích: cháu Nguyễn Văn An, 12 tuổi",
      description:
        "Cháu An rời nhà lúc 7 giờ sáng ngày 26/11, mặc áo trắng.\n- Cao khoảng 1m40\n- Tóc ngắn\n\nAi biết tin xin báo Công an xã.",
      instruction: "Ai biết tung tích người mất tích, báo ngay cho Công an xã Đông Tâm hoặc gọi 113.",
      web: "https://binhyen.example/thong-bao/0193a0c2",
      area: [
        { areaDesc: "Ấp Tân Phú, xã Đông Tâm, tỉnh Đồng Nai" },
        { areaDesc: "Ấp Bình Minh, xã Đông Tâm, tỉnh Đồng Nai" },
      ],
    });
  });

  it("writes elements in the schema's order", () => {
    const doc = ordered.parse(xml) as OrderedNode[];
    expect(childNames(doc, "alert")).toEqual([
      "identifier",
      "sender",
      "sent",
      "status",
      "msgType",
      "scope",
      "info",
    ]);
    expect(childNames(doc, "info")).toEqual([
      "language",
      "category",
      "event",
      "responseType",
      "urgency",
      "severity",
      "certainty",
      "expires",
      "senderName",
      "headline",
      "description",
      "instruction",
      "web",
      "area",
      "area",
    ]);
    const cancel = ordered.parse(toCapXml({ ...sample, withdrawn: true })) as OrderedNode[];
    expect(childNames(cancel, "alert")).toEqual([
      "identifier",
      "sender",
      "sent",
      "status",
      "msgType",
      "scope",
      "note",
      "references",
      "info",
    ]);
  });

  it("escapes <, & and > in titles and bodies (the XML stays well-formed and reads back the same)", () => {
    const nasty = {
      ...sample,
      title: 'Cảnh báo <script>alert("x")</script> & "lừa đảo" > 5 triệu',
      body: "a < b && c > d ]]> </description>",
    };
    const out = toCapXml(nasty);
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;");
    expect(out).toContain("&amp; ");
    const back = read(out).info[0];
    expect(back?.headline).toBe(nasty.title);
    expect(back?.description).toBe("a < b && c > d ]]> </description>");
  });

  it("writes every timestamp in Vietnamese time with +07:00 and no milliseconds", () => {
    expect(capDateTime(new Date("2026-11-27T02:30:00.999Z"))).toBe("2026-11-27T09:30:00+07:00");
    // 20:00 UTC is already the next day in Hà Nội.
    expect(capDateTime(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01T03:00:00+07:00");
    for (const match of xml.matchAll(/<(sent|expires)>([^<]*)</g)) {
      expect(match[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    }
    const noExpiry = read(toCapXml({ ...sample, expiresAt: null }));
    expect(noExpiry.info[0]?.expires).toBeUndefined();
  });

  it("turns a withdrawn announcement into a Cancel that references the original alert", () => {
    const original = read(toCapXml(sample));
    const withdrawnAt = new Date("2026-11-28T01:00:00Z");
    const cancel = read(toCapXml({ ...sample, withdrawn: true, withdrawnAt }));
    expect(cancel.msgType).toBe("Cancel");
    expect(cancel.identifier).not.toBe(original.identifier);
    expect(cancel.sender).toBe(original.sender);
    expect(cancel.sent).toBe("2026-11-28T08:00:00+07:00");
    expect(cancel.references).toBe(`${original.sender},${original.identifier},${original.sent}`);
    expect(cancel.note).toBe("Thông báo đã được thu hồi.");
    expect(cancel.info[0]?.headline).toBe(`Thu hồi: ${sample.title}`);
    expect(cancel.info[0]?.instruction).toBeUndefined();
    // Without withdrawnAt the Cancel is dated at publication, still valid CAP.
    expect(read(toCapXml({ ...sample, withdrawn: true })).sent).toBe(original.sent);
  });

  it("keeps the headline within 160 characters", () => {
    const long = "Thông báo về việc tăng cường phòng ngừa tội phạm trộm cắp tài sản ".repeat(5);
    const headline = infoOf({ ...sample, title: long }).headline;
    expect(Array.from(headline).length).toBeLessThanOrEqual(160);
    expect(headline.endsWith("…")).toBe(true);
    expect(infoOf({ ...sample, title: long, withdrawn: true }).headline.startsWith("Thu hồi: ")).toBe(true);
  });

  it("covers the whole commune when no hamlet is named, and skips blank or repeated hamlets", () => {
    expect(infoOf({ ...sample, areaDescs: [] }).area).toEqual([{ areaDesc: "xã Đông Tâm, tỉnh Đồng Nai" }]);
    expect(infoOf({ ...sample, areaDescs: ["Ấp 1", " ", "Ấp 1"] }).area).toEqual([
      { areaDesc: "Ấp 1, xã Đông Tâm, tỉnh Đồng Nai" },
    ]);
  });

  it("leaves out a web link that is not http(s), and an empty description", () => {
    const info = infoOf({ ...sample, web: "javascript:alert(1)", body: "  " });
    expect(info.web).toBeUndefined();
    expect(info.description).toBeUndefined();
    expect(infoOf({ ...sample, web: null }).web).toBeUndefined();
  });

  it("removes characters XML 1.0 cannot carry, and composes Vietnamese (NFC)", () => {
    const info = infoOf({
      ...sample,
      title: "Tin\u0000 kh\u0007ẩn\uffff\ud800 😀",
      body: "Đồng Nai".normalize("NFD"),
    });
    expect(info.headline).toBe("Tin khẩn 😀");
    expect(info.description).toBe("Đồng Nai");
  });

  it("builds a CAP-safe identifier and sender from any id and names", () => {
    const alert = read(
      toCapXml({
        ...sample,
        id: "a b,c<d&e",
        communeName: "Phường Trấn Biên",
        provinceName: "Thành phố Hồ Chí Minh",
      }),
    );
    expect(alert.identifier).toBe("binhyen.example:announcement:a-b-c-d-e");
    expect(alert.sender).toBe("tran-bien.ho-chi-minh@binhyen.example");
    expect(alert.identifier).not.toMatch(/[\s,<&]/);
    expect(alert.sender).not.toMatch(/[\s,<&]/);
  });
});

describe("category mapping", () => {
  const expected: Record<
    TAnnouncementCategory,
    { category: string[]; urgency: string; severity: string; certainty: string; instruction: boolean }
  > = {
    LAW_POLICY: {
      category: ["Other"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
    SECURITY_SITUATION: {
      category: ["Security"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      instruction: true,
    },
    CRIME_METHODS: {
      category: ["Security"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      instruction: true,
    },
    FIRE_SAFETY: {
      category: ["Fire"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: true,
    },
    TRAFFIC_SAFETY: {
      category: ["Transport"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
    GOOD_EXAMPLE: {
      category: ["Other"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
    ADMIN_PROCEDURE: {
      category: ["Other"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
    FOREIGNER_REVIEW: {
      category: ["Other"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
    WANTED_PERSON: {
      category: ["Security"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      instruction: true,
    },
    MISSING_PERSON: {
      category: ["Rescue"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      instruction: true,
    },
    DISASTER_EPIDEMIC: {
      category: ["Met", "Health"],
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Likely",
      instruction: true,
    },
    OTHER_DIRECTIVE: {
      category: ["Other"],
      urgency: "Future",
      severity: "Minor",
      certainty: "Unknown",
      instruction: false,
    },
  };

  it("has a row for every announcement category", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.values(AnnouncementCategory).sort());
  });

  it.each(Object.entries(expected))("%s", (category, want) => {
    const info = infoOf({ ...sample, category: category as TAnnouncementCategory });
    expect(info.category).toEqual(want.category);
    expect({ urgency: info.urgency, severity: info.severity, certainty: info.certainty }).toEqual({
      urgency: want.urgency,
      severity: want.severity,
      certainty: want.certainty,
    });
    expect(info.instruction !== undefined).toBe(want.instruction);
    expect(info.event).toMatch(/\p{L}/u);
    expect(info.event).not.toMatch(/^[A-Z_]+$/);

    const urgent = infoOf({ ...sample, category: category as TAnnouncementCategory, urgent: true });
    expect([urgent.urgency, urgent.severity, urgent.certainty]).toEqual([
      "Immediate",
      "Severe",
      want.certainty,
    ]);
  });

  it("gives distinct Vietnamese event names", () => {
    const events = Object.values(AnnouncementCategory).map(
      (category) => infoOf({ ...sample, category }).event,
    );
    expect(new Set(events).size).toBe(events.length);
  });
});

describe("plainBody", () => {
  it("removes bold and italic marks but keeps lists, links and lone asterisks", () => {
    expect(plainBody("**Không** cung cấp *mã OTP*.\n- Gọi **114**\nhttps://a.vn/x*y 2 * 3 = 6")).toBe(
      "Không cung cấp mã OTP.\n- Gọi 114\nhttps://a.vn/x*y 2 * 3 = 6",
    );
  });
});

/*
 * XSD validation with a real validator: xmllint when installed, otherwise the JDK's own
 * javax.xml.validation (java runs a one-file program directly). Neither → the test is skipped.
 */
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
const validator = has("xmllint", ["--version"])
  ? "xmllint"
  : has("java", ["-version"]) && has("javac", ["-version"])
    ? "java"
    : null;

const JAVA_VALIDATOR = `
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

public class Validate {
  public static void main(String[] args) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // No network, no other files: the schema is self-contained.
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    Schema schema = factory.newSchema(new File(args[0]));
    int failed = 0;
    for (int i = 1; i < args.length; i++) {
      try {
        schema.newValidator().validate(new StreamSource(new File(args[i])));
        System.out.println(args[i] + " validates");
      } catch (org.xml.sax.SAXException e) {
        failed++;
        System.out.println(args[i] + " fails: " + e.getMessage());
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
`;

const workDir = mkdtempSync(join(tmpdir(), "binhyen-cap-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Validates each document; returns per-file results keyed by name. */
function validate(docs: Record<string, string>): Record<string, { ok: boolean; output: string }> {
  const files = Object.entries(docs).map(([name, xml]) => {
    const file = join(workDir, `${name}.xml`);
    writeFileSync(file, xml);
    return [name, file] as const;
  });
  const results: Record<string, { ok: boolean; output: string }> = {};
  if (validator === "xmllint") {
    for (const [name, file] of files) {
      const r = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
      results[name] = { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
    }
    return results;
  }
  const source = join(workDir, "Validate.java");
  writeFileSync(source, JAVA_VALIDATOR);
  const r = spawnSync("java", [source, XSD, ...files.map(([, f]) => f)], {
    encoding: "utf8",
    timeout: 60_000,
  });
  for (const [name, file] of files) {
    const line = r.stdout.split("\n").find((l) => l.startsWith(file)) ?? `no result: ${r.stderr}`;
    results[name] = { ok: line.startsWith(`${file} validates`), output: line };
  }
  return results;
}

describe("CAP 1.2 schema (fixtures/CAP-v1.2.xsd, OASIS)", () => {
  it.skipIf(validator === null)(
    `validates against the official XSD (${validator ?? "SKIPPED: neither xmllint nor a JDK (java + javac) is installed"})`,
    () => {
      const docs: Record<string, string> = {
        // A mutant that must fail proves the validator really checks: <sent> with "Z" breaks the pattern.
        broken: toCapXml(sample).replace("+07:00</sent>", "Z</sent>"),
        withdrawn: toCapXml({ ...sample, withdrawn: true, withdrawnAt: new Date("2026-11-28T01:00:00Z") }),
        minimal: toCapXml({ ...sample, expiresAt: null, web: null, body: "", areaDescs: [] }),
      };
      for (const category of Object.values(AnnouncementCategory)) {
        docs[category] = toCapXml({ ...sample, category, urgent: category === "DISASTER_EPIDEMIC" });
      }
      const results = validate(docs);
      expect(results.broken?.ok, results.broken?.output).toBe(false);
      for (const [name, result] of Object.entries(results)) {
        if (name !== "broken") {
          expect(result.ok, `${name}: ${result.output}`).toBe(true);
        }
      }
    },
    60_000,
  );
});
