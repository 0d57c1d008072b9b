import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../errors/index.js";
import { type StateFault, stateFaultError, stateFaultOf } from "./faults.js";
import { faultOfSqliteError, toStateError } from "./sqlite-faults.js";

const FAULTS: StateFault[] = [
  "empty",
  "foreign",
  "not-a-database",
  "corrupt",
  "newer-schema",
  "read-only",
  "locked",
  "disk-full",
  "io",
  "unavailable",
];

describe("state faults", () => {
  it.each([
    { code: "SQLITE_NOTADB", want: "not-a-database" },
    { code: "SQLITE_CORRUPT", want: "corrupt" },
    { code: "SQLITE_CORRUPT_INDEX", want: "corrupt" },
    { code: "SQLITE_READONLY", want: "read-only" },
    { code: "SQLITE_READONLY_DIRECTORY", want: "read-only" },
    { code: "SQLITE_BUSY", want: "locked" },
    { code: "SQLITE_BUSY_SNAPSHOT", want: "locked" },
    { code: "SQLITE_FULL", want: "disk-full" },
    { code: "SQLITE_IOERR_WRITE", want: "io" },
    { code: "SQLITE_CANTOPEN", want: "unavailable" },
    { code: "EACCES", want: "read-only" },
    { code: "EROFS", want: "read-only" },
    { code: "ENOSPC", want: "disk-full" },
    { code: "SQLITE_CONSTRAINT_TRIGGER", want: undefined },
    { code: "SQLITE_BUSYNESS", want: undefined },
    { code: undefined, want: undefined },
  ])("$code → $want", ({ code, want }) => {
    expect(faultOfSqliteError(Object.assign(new Error("x"), { code }))).toBe(want);
  });

  it.each(FAULTS)("%s: one line naming the file, what to do, the cause; code and details to branch on", (fault) => {
    const error = stateFaultError(fault, "/var/lib/c/state.db", { cause: new Error("disk says no\nsecond line") });
    expect(error.code).toBe(ErrorCodes.STATE);
    expect(error.message).not.toContain("\n");
    expect(error.message).toContain("/var/lib/c/state.db");
    expect(error.message).toMatch(/: [a-z].*\(cause: disk says no\)$/);
    expect(error.details).toMatchObject({ fault, state: "/var/lib/c/state.db" });
    expect(stateFaultOf(error)).toBe(fault);
  });

  it("translates a real SQLite error and leaves other errors alone", () => {
    const db = new Database(":memory:");
    let raw: unknown;
    try {
      db.exec("CREATE TABLE t (x); SELECT * FROM missing");
    } catch (error) {
      raw = error;
    } finally {
      db.close();
    }
    // "no such table" is a bug of ours, not a fault of the file: it keeps its own error.
    expect(toStateError(raw, "f.db")).toBe(raw);
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const translated = toStateError(busy, "f.db");
    expect(isCannectorsError(translated, ErrorCodes.STATE) && stateFaultOf(translated)).toBe("locked");
  });
});
