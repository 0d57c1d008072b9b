import type { Command } from "commander";

export function registerDemoApisCommand(program: Command): void {
  program
    .command("demo-apis")
    .description("start the bundled demo CRM and ERP APIs on 127.0.0.1 until Ctrl-C (what the example connector calls)")
    .option("--crm-port <n>", "CRM port (0 picks a free one)", (v) => Number(v), 4010)
    .option("--erp-port <n>", "ERP port (0 picks a free one)", (v) => Number(v), 4020)
    .action(async (flags: { crmPort: number; erpPort: number }) => {
      const { serveDemoApis } = await import("../../examples/demo-apis/serve-until-stopped.js");
      await serveDemoApis(flags);
    });
}
