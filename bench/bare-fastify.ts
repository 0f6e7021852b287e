// Baseline: a bare Fastify process with one JSON route, started the same way our server is.
import Fastify from "fastify";

const app = Fastify();
app.get("/api/health", async () => ({ status: "ok" }));
app.get("/ping", async () => ({ pong: true }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
const addr = app.server.address();
process.stdout.write(`bare on http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}\n`);
