/**
 * The hand-written floor serve's acceptance is compared with, started as its own process like serve:
 * node:http, the body read and JSON.parse'd, the same INSERT into the same state schema (the
 * runtime's migrations), the same durability: WAL with synchronous=NORMAL, the requests of one
 * event-loop turn committed in one transaction, then the WAL fdatasync'd, and only then the 202s.
 * Nothing else: no checks, no de-duplication window, no metrics, no dispatcher sending to a sink.
 * Usage: node dist/bench/webhooks/baseline-server.js <state.db>
 */
import { open } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { migrate } from "../../runtime/state/migrate.js";

const file = process.argv[2] ?? "baseline.db";
const db = new Database(file);
for (const pragma of ["journal_mode = WAL", "synchronous = NORMAL"]) db.pragma(pragma);
migrate(db);
const insert = db.prepare(`INSERT INTO webhook_deliveries (connector, delivery_id, received_at, body, status)
  VALUES (?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING`);
const wal = await open(`${file}-wal`, "r");

interface Waiting {
  id: string;
  body: string;
  answer(status: number): void;
}
let waiting: Waiting[] = [];
let busy = false;
const commitAll = db.transaction((group: Waiting[]) =>
  group.map((entry) => insert.run("baseline", entry.id, Date.now(), entry.body).changes),
);

async function commitGroups(): Promise<void> {
  while (waiting.length > 0) {
    const group = waiting;
    waiting = [];
    const changes = commitAll(group);
    await wal.datasync();
    for (const [index, entry] of group.entries()) entry.answer(changes[index] === 1 ? 202 : 200);
  }
  busy = false;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      JSON.parse(body);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const id = String(request.headers["x-delivery-id"]);
    waiting.push({
      id,
      body,
      answer: (status) => response.writeHead(status, { "content-type": "application/json" }).end("{}"),
    });
    if (!busy) {
      busy = true;
      setImmediate(() => void commitGroups());
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
// Closed once the group being committed is answered: closing under it threw "connection is not open".
process.on("SIGTERM", () =>
  server.close(() => {
    const close = () => (busy ? setTimeout(close, 5) : db.close());
    close();
  }),
);
