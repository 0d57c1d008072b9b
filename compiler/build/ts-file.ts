/** A TypeScript connector source (not a declaration file). Its own module: importing it loads no compiler. */
export const TS_CONNECTOR = /(?<!\.d)\.[cm]?tsx?$/i;

/** Files a folder contributes as TypeScript connectors: tests and declarations are not connectors. */
export function isConnectorSource(name: string): boolean {
  return TS_CONNECTOR.test(name) && !/\.(test|spec)\.[cm]?tsx?$/i.test(name);
}
