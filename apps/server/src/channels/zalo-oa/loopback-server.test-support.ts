import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A tiny scripted HTTP server on 127.0.0.1:0 for client tests (not the zalo-fake world). */

export type RecordedRequest = {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
};

export type ScriptedResponse = { status?: number; json?: unknown; raw?: string; contentType?: string };
export type Handler = (req: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

export type LoopbackServer = {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://127.0.0.1"),
        headers: req.headers,
        body,
        text: body.toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded)).then(
        (r) => {
          const payload = r.raw ?? JSON.stringify(r.json ?? {});
          res.writeHead(r.status ?? 200, { "content-type": r.contentType ?? "application/json" });
          res.end(payload);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Answers in order; the last answer repeats. */
export function sequence(...answers: ScriptedResponse[]): Handler {
  let i = 0;
  return () => {
    const a = answers[Math.min(i, answers.length - 1)] as ScriptedResponse;
    i++;
    return a;
  };
}
