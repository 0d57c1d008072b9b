/** Opaque page cursor: base64url of the last id served. Clients must not build it, only echo it. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, "utf8").toString("base64url");
}

/** The numeric part of the id the cursor names; undefined for a cursor this API never issued. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const match = /^cus_(\d{6,})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

export function idNumber(id: string): number {
  return Number(id.slice("cus_".length));
}
