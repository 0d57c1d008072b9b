export * from "./path.js";
