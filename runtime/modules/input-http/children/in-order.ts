/**
 * Starts `start(0..count-1)` with at most `limit` running at once, in index order, and returns one
 * promise per index: awaiting them in order reads the results in order while later ones run.
 * `start` must not reject (the caller turns failures into values).
 */
export function startInOrder<T>(count: number, limit: number, start: (index: number) => Promise<T>): Promise<T>[] {
  const settle: ((value: T) => void)[] = [];
  const results = Array.from({ length: count }, (_, index) => new Promise<T>((resolve) => (settle[index] = resolve)));
  let next = 0;
  const launch = (): void => {
    if (next >= count) return;
    const index = next++;
    void start(index).then((value) => {
      settle[index]!(value);
      launch();
    });
  };
  for (let i = 0; i < Math.min(limit, count); i++) launch();
  return results;
}
