import { DEMO_CREDENTIALS } from "./credentials.js";
import { DEMO_CRM_PORT, DEMO_ERP_PORT, startDemoApis } from "./start.js";

/**
 * Both demo APIs until SIGINT/SIGTERM (`cannectors demo-apis`, `node dist/examples/demo-apis/serve.js`).
 * A port already taken is a CannectorsError naming it, thrown before anything is printed.
 */
export async function serveDemoApis(ports: { crmPort?: number; erpPort?: number } = {}): Promise<void> {
  const apis = await startDemoApis({
    crmPort: ports.crmPort ?? DEMO_CRM_PORT,
    erpPort: ports.erpPort ?? DEMO_ERP_PORT,
  });
  // These are the public demo credentials, printed so the connector can be run from another shell.
  process.stdout.write(
    [
      `demo CRM  ${apis.crmUrl}/customers  (${apis.crm.customers.length} customers)`,
      `demo ERP  ${apis.erpUrl}/clients/batch  (stats: ${apis.erpUrl}/_stats)`,
      "",
      "Credentials for the crm-to-erp connector:",
      `  export CRM_API_KEY=${DEMO_CREDENTIALS.crmApiKey}`,
      `  export ERP_CLIENT_ID=${DEMO_CREDENTIALS.erpClientId}`,
      `  export ERP_CLIENT_SECRET=${DEMO_CREDENTIALS.erpClientSecret}`,
      "",
      "Ctrl-C stops both.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    apis.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
