/**
 * Minimum-cost assignment (the Hungarian algorithm with potentials, O(n²·m)). Works on rectangular
 * matrices: every row of the smaller side gets a distinct column. Returns, for each row, its column.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : (cost[0]?.length ?? 0);
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  if (rows > cols) {
    const transposed = Array.from({ length: cols }, (_, j) => cost.map((row) => row[j] ?? 0));
    const colToRow = hungarian(transposed);
    const rowToCol = new Array<number>(rows).fill(-1);
    colToRow.forEach((r, c) => {
      if (r >= 0) rowToCol[r] = c;
    });
    return rowToCol;
  }
  const INF = Number.POSITIVE_INFINITY;
  // 1-based arrays; index 0 is the virtual start column.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const match = new Int32Array(cols + 1); // match[col] = row (1-based), 0 = free
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(INF);
    const used = new Uint8Array(cols + 1);
    do {
      used[j0] = 1;
      const i0 = match[j0] as number;
      const row = cost[i0 - 1] as readonly number[];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = (row[j - 1] as number) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[match[j] as number] = (u[match[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      match[j0] = match[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) {
    const r = match[j] as number;
    if (r > 0) result[r - 1] = j - 1;
  }
  return result;
}

/** Total cost of an assignment, skipping unassigned rows. */
export function assignmentCost(cost: readonly (readonly number[])[], assignment: readonly number[]): number {
  return assignment.reduce((sum, c, r) => (c < 0 ? sum : sum + (cost[r]?.[c] ?? 0)), 0);
}
