/**
 * A minimal multipart/form-data reader for the fake's upload endpoints: enough for what HTTP
 * clients (fetch + FormData, curl -F) send. Not a general parser: no nested multipart, no
 * transfer encodings.
 */
export type MultipartPart = {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
};

export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) {
    return null;
  }
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** Throws on a body that is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) {
    throw new Error("multipart: boundary not found");
  }
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") {
      return parts;
    }
    if (body.subarray(pos, pos + 2).toString() !== "\r\n") {
      throw new Error("multipart: malformed delimiter line");
    }
    pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), pos);
    if (headerEnd < 0 || next < 0 || headerEnd > next) {
      throw new Error("multipart: truncated part");
    }
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString("utf8"));
    const disposition = headers.get("content-disposition") ?? "";
    const name = param(disposition, "name");
    if (!/^form-data/i.test(disposition) || name === null) {
      throw new Error("multipart: part without form-data name");
    }
    parts.push({
      name,
      filename: param(disposition, "filename"),
      contentType: headers.get("content-type") ?? null,
      data: Buffer.from(body.subarray(headerEnd + 4, next)),
    });
    pos = next + 2;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

function param(header: string, key: string): string | null {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header);
  if (match?.[1] !== undefined) {
    return match[1].replace(/\\(.)/g, "$1");
  }
  const bare = new RegExp(`;\\s*${key}=([^;\\s]+)`, "i").exec(header);
  return bare?.[1] ?? null;
}
