import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./schema.js";

const tables = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
const version = (db: Database.Database) => db.prepare<[], number>("SELECT version FROM schema_version").pluck().get();

describe("migrate", () => {
  it("takes a fresh database through every step in one transaction: a failing last step leaves nothing", () => {
    const db = new Database(":memory:");
    const steps = [["CREATE TABLE a (x)"], ["CREATE TABLE b (x)"], ["CREATE TABLE c (x)", "SELECT * FROM missing"]];
    expect(() => migrate(db, steps)).toThrow(/no such table: missing/);
    // One step per transaction would have kept a and b, at version 2.
    expect(tables(db)).toEqual(["schema_version"]);
    expect(version(db)).toBeUndefined();
    db.close();
  });

  it("upgrades an older file in one transaction too, from the version it has", () => {
    const db = new Database(":memory:");
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    expect(() => migrate(db, [...MIGRATIONS, ["SELECT * FROM missing"]])).toThrow(/no such table: missing/);
    expect(version(db)).toBe(2);
    expect(tables(db)).not.toContain("webhook_deliveries");
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toContain("dead_letters");
    db.close();
  });
});
