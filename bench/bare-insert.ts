// Baseline for the report intake bench: a bare Fastify route doing one INSERT, on the same kind of
// database (PGlite in its own folder, or the PostgreSQL server given by BENCH_DATABASE_URL).
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import pg from "pg";

type Exec = (text: string, params?: unknown[]) => Promise<unknown>;
let exec: Exec;
if (process.env.BENCH_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  exec = (text, params) => pool.query(text, params);
} else {
  const db = await PGlite.create(process.env.BENCH_DATA_DIR);
  exec = (text, params) => db.query(text, params);
}
await exec(
  "create table if not exists bench_inserts (id uuid primary key, body text not null, created_at timestamptz not null)",
);
const app = Fastify();
app.post("/insert", async (req, reply) => {
  await exec("insert into bench_inserts (id, body, created_at) values ($1, $2, now())", [
    randomUUID(),
    JSON.stringify(req.body),
  ]);
  return reply.status(201).send({ ok: true });
});
await app.listen({ port: 0, host: "127.0.0.1" });
const addr = app.server.address();
process.stdout.write(`bare on http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}\n`);
