/**
 * What a dependent-requests input keeps as the connector's one cursor: the parent cursor and each
 * parent's child cursor, as one JSON text. It goes through the engine's cursor (saved only once
 * every record before it is settled), so a child cursor never runs ahead of a delivery.
 */
export interface ChildrenState {
  /** The parent incremental cursor (`input.incremental`). */
  parent: string | undefined;
  /** Child cursor per parent key (`input.children.incremental`); a Map, since keys are source data. */
  children: Map<string, string>;
}

/** The saved cursor read back; a plain text (saved before `children` was configured) is the parent cursor. */
export function decodeChildrenState(saved: string | undefined): ChildrenState {
  if (saved === undefined) return { parent: undefined, children: new Map() };
  try {
    const value: unknown = JSON.parse(saved);
    if (isSaved(value)) return { parent: value.parent, children: new Map(Object.entries(value.children ?? {})) };
  } catch {
    // Not JSON: a parent cursor saved by the plain HTTP input.
  }
  return { parent: saved, children: new Map() };
}

export function encodeChildrenState(state: ChildrenState): string {
  const saved: Saved = {};
  if (state.parent !== undefined) saved.parent = state.parent;
  // Object.fromEntries defines own properties: a parent key such as "__proto__" stays data.
  if (state.children.size > 0) saved.children = Object.fromEntries(state.children);
  return JSON.stringify(saved);
}

interface Saved {
  parent?: string;
  children?: Record<string, string>;
}

function isSaved(value: unknown): value is Saved {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { parent, children, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (parent !== undefined && typeof parent !== "string") return false;
  if (children === undefined) return true;
  if (typeof children !== "object" || children === null || Array.isArray(children)) return false;
  return Object.values(children).every((cursor) => typeof cursor === "string");
}
