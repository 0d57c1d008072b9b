import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { parsePath } from "../../json/path.js";

/** Output targets are dotted names only: `a.b`, never `a[0]`, which would have to invent array slots. */
export function targetSegments(target: string): string[] {
  const segments = parsePath(target);
  const names = segments.filter((segment): segment is string => typeof segment === "string");
  if (names.length !== segments.length || names.some((name) => name === "")) {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `target ${JSON.stringify(target)} must be a dotted path without [index]`,
    );
  }
  return names;
}

/** The index of an earlier target that `targets[index]` collides with (equal, or one a prefix of the other). */
export function collidingTarget(targets: readonly (readonly string[])[], index: number): number | undefined {
  const mine = targets[index]!;
  for (let earlier = 0; earlier < index; earlier++) {
    const other = targets[earlier]!;
    const shorter = Math.min(mine.length, other.length);
    let same = true;
    for (let i = 0; i < shorter && same; i++) same = mine[i] === other[i];
    if (same) return earlier;
  }
  return undefined;
}
