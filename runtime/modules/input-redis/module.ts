import { inputKind } from "../module.js";
import { createRedisInput } from "./redis-input.js";
import { RedisInput } from "./schema.js";

export const redisInput = inputKind({
  type: "redis",
  schema: RedisInput,
  create(spec, { context, maxDepth, dryRun }) {
    return createRedisInput(spec, context, maxDepth, dryRun === true);
  },
});
