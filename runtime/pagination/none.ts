import type { Paginator } from "./paginator.js";

export const singlePage: Paginator = {
  first: (base) => base,
  next: () => undefined,
};
