import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { ErrorCodes, isCannectorsError } from "../errors/index.js";
import { createGuardedLookup, isBlockedAddress, isBlockedHost, type LookupFunction } from "./address-guard.js";

describe("isBlockedAddress", () => {
  const cases: Array<[string, boolean]> = [
    ["169.254.169.254", true],
    ["169.254.0.1", true],
    ["100.100.100.200", true],
    ["100.100.100.201", false],
    ["127.0.0.1", false],
    ["10.0.0.1", false],
    ["192.168.1.1", false],
    ["8.8.8.8", false],
    ["fe80::1", true],
    ["[fe80::1]", true],
    ["fe80::1%eth0", true],
    ["febf:ffff::1", true],
    ["fec0::1", false],
    ["fd00:ec2::254", true],
    ["fd00:ec2:0:0:0:0:0:254", true],
    ["fd00:ec2::253", false],
    ["::ffff:169.254.169.254", true],
    ["::ffff:a9fe:a9fe", true],
    ["::ffff:127.0.0.1", false],
    ["::1", false],
    ["0.0.0.0", true],
    ["0.1.2.3", true],
    ["::", true],
    ["::ffff:0.0.0.0", true],
    ["example.com", false],
  ];
  it.each(cases)("%s → %s", (address, want) => {
    expect(isBlockedAddress(address)).toBe(want);
  });

  it("blocks the GCE metadata hostname, with or without a trailing dot", () => {
    expect(isBlockedHost("metadata.google.internal")).toBe(true);
    expect(isBlockedHost("METADATA.google.internal.")).toBe(true);
    expect(isBlockedHost("api.example.com")).toBe(false);
  });
});

function fakeResolver(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, _options, callback) => callback(null, addresses);
}

function lookupOnce(lookup: LookupFunction, hostname: string, all: boolean) {
  return new Promise<{ error: unknown; address: unknown }>((resolve) =>
    lookup(hostname, { all }, (error, address) => resolve({ error, address })),
  );
}

describe("createGuardedLookup", () => {
  it("refuses a name that resolves to a metadata address (DNS rebinding)", async () => {
    const lookup = createGuardedLookup(
      fakeResolver([
        { address: "93.184.216.34", family: 4 },
        { address: "169.254.169.254", family: 4 },
      ]),
    );
    const { error } = await lookupOnce(lookup, "rebind.example", false);
    expect(isCannectorsError(error, ErrorCodes.ADDRESS_BLOCKED)).toBe(true);
    expect(String((error as Error).message)).toContain("rebind.example resolves to 169.254.169.254");
  });

  it("passes allowed addresses through in the shape asked for", async () => {
    const lookup = createGuardedLookup(fakeResolver([{ address: "127.0.0.1", family: 4 }]));
    expect(await lookupOnce(lookup, "localhost", false)).toEqual({ error: null, address: "127.0.0.1" });
    expect(await lookupOnce(lookup, "localhost", true)).toEqual({
      error: null,
      address: [{ address: "127.0.0.1", family: 4 }],
    });
  });

  it("refuses metadata.google.internal without resolving it", async () => {
    let resolved = false;
    const lookup = createGuardedLookup((_h, _o, callback) => {
      resolved = true;
      callback(null, []);
    });
    const { error } = await lookupOnce(lookup, "metadata.google.internal", false);
    expect(isCannectorsError(error, ErrorCodes.ADDRESS_BLOCKED)).toBe(true);
    expect(resolved).toBe(false);
  });
});
