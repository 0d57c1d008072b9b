import { filterKind } from "../module.js";
import { checkFields } from "./check.js";
import { compileMap } from "./map.js";
import { MapFilter } from "./schema.js";

export const mapFilter = filterKind({
  type: "map",
  schema: MapFilter,
  compile: (spec, path) => compileMap(spec, path),
  check: (spec, path, checker) => checkFields(spec.fields, [...path, "fields"], ["record"], checker),
});
