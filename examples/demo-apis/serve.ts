/** `node dist/examples/demo-apis/serve.js`: both demo APIs on their usual ports until Ctrl-C. */
import { serveDemoApis } from "./serve-until-stopped.js";

await serveDemoApis();
