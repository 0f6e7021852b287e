import { describe, expect, it } from "vitest";
import { multipartBoundary, parseMultipart } from "./multipart";

/** Encodes a FormData exactly as fetch would send it. */
async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const request = new Request("http://127.0.0.1/", { method: "POST", body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") ?? "",
  };
}

describe("multipart", () => {
  it("reads the boundary, quoted or bare", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc123")).toBe("abc123");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
  });

  it("round-trips binary files and fields sent by fetch", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0x89]);
    const form = new FormData();
    form.append("note", "Ảnh hiện trường");
    form.append("file", new Blob([bytes], { type: "image/jpeg" }), "hiện trường.jpg");
    const { body, contentType } = await encode(form);

    const parts = parseMultipart(body, multipartBoundary(contentType) ?? "");

    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["note", null, null],
      ["file", "hiện trường.jpg", "image/jpeg"],
    ]);
    expect(parts[0]?.data.toString("utf8")).toBe("Ảnh hiện trường");
    expect(parts[1]?.data.equals(bytes)).toBe(true);
  });

  it("rejects truncated bodies and a wrong boundary", async () => {
    const form = new FormData();
    form.append("file", new Blob(["x"]), "a.pdf");
    const { body, contentType } = await encode(form);
    const boundary = multipartBoundary(contentType) ?? "";

    expect(() => parseMultipart(body.subarray(0, body.length - 30), boundary)).toThrow(/truncated|malformed/);
    expect(() => parseMultipart(body, "not-the-boundary")).toThrow(/boundary not found/);
  });

  it("reads a hand-written curl-style body", () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n' +
        "a,b\r\n1,2\r\n--XyZ--\r\n",
    );
    expect(parseMultipart(body, "XyZ")).toEqual([
      { name: "file", filename: "a.csv", contentType: "text/csv", data: Buffer.from("a,b\r\n1,2") },
    ]);
  });
});
