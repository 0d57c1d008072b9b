import { describe, expect, it } from "vitest";
import { onFirstWasmCompile } from "./v8-flags.js";

// The smallest valid module: the magic number and version 1, no sections.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
type Wasm = { Module: new (bytes: Uint8Array) => object; compile(bytes: Uint8Array): Promise<object> };
const wasm = () => (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

describe("onFirstWasmCompile", () => {
  it("calls back once, at the first `new WebAssembly.Module`, and leaves the entry points as they were", () => {
    const before = { Module: wasm().Module, compile: wasm().compile };
    const calls: string[] = [];
    onFirstWasmCompile(() => calls.push("flags"));
    expect(calls).toEqual([]);
    const module = new (wasm().Module)(EMPTY_MODULE);
    expect(calls).toEqual(["flags"]);
    expect(module).toBeInstanceOf(before.Module);
    expect(wasm().Module).toBe(before.Module);
    expect(wasm().compile).toBe(before.compile);
    new (wasm().Module)(EMPTY_MODULE);
    expect(calls).toEqual(["flags"]);
  });

  it("calls back at the first asynchronous compile too", async () => {
    const calls: string[] = [];
    onFirstWasmCompile(() => calls.push("flags"));
    const compiled = wasm().compile(EMPTY_MODULE);
    expect(calls).toEqual(["flags"]);
    expect(await compiled).toBeInstanceOf(wasm().Module);
  });
});
