/**
 * Bounds that keep one expression from exhausting memory or CPU. Parse limits are enforced by
 * cel-js when the expression is parsed; the others by our library functions and result conversion.
 */
export const PARSE_LIMITS = {
  maxAstNodes: 2_000,
  maxDepth: 64,
  maxListElements: 1_000,
  maxMapEntries: 1_000,
  maxCallArguments: 16,
} as const;

/** Longest string a library function or an expression result may produce (1 MiB of UTF-16 units). */
export const MAX_STRING_LENGTH = 1_048_576;

/** Most elements `split` may produce or `join` may read. */
export const MAX_LIST_LENGTH = 100_000;

/** Most values (scalars, list elements, map entries) one expression result may hold. */
export const MAX_RESULT_VALUES = 1_000_000;
