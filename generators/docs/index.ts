/** `cannectors docs`: mapping documentation in Markdown, HTML or JSON, from one `DocsModel`. */
export { parseExamples } from "./examples.js";
export { renderHtml } from "./html.js";
export { renderJson } from "./json.js";
export { type DocsInput, loadForDocs } from "./load.js";
export { renderMarkdown } from "./markdown.js";
export { buildDocsModel, type ModelInput } from "./model.js";
export type * from "./model-types.js";
export { type SpecFields, type SpecOptions, sourceFields, targetFields } from "./specs.js";
export { type DocsFormat, type DocumentOptions, docsModelOf, renderDocs } from "./document.js";
