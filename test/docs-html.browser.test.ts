/**
 * The HTML document in the real headless Chromium of this machine: the diagram and the mapping table
 * are visible, and opening the page makes no request (every request but the page itself is blocked
 * and recorded). The screenshot is kept in test-output/docs/ for a human look.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsModelOf, renderDocs } from "../generators/docs/index.js";
import { ROOT } from "./support/cli.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOT = path.join(ROOT, "test-output/docs/crm-to-erp.png");

function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "ignore", timeout: 300_000 });
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(`${CHROMIUM} is missing and apt-get install -y chromium did not install it`);
  return false;
}

const available = ensureChromium();
if (!available) console.warn(`skipping the HTML browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!available)("the HTML document in headless Chromium", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cannectors-docs-browser-"));
  const htmlFile = path.join(dir, "crm-to-erp.html");
  const pageUrl = pathToFileURL(htmlFile).href;
  let context: BrowserContext;
  const requested: string[] = [];

  beforeAll(async () => {
    const { model } = await docsModelOf("examples/crm-to-erp/crm-to-erp.yaml", {
      sourceSpec: "examples/demo-apis/crm/openapi.yaml",
      targetSpec: "examples/demo-apis/erp/openapi.yaml",
    });
    writeFileSync(htmlFile, renderDocs(model!, "html"));
    context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") ? route.continue() : route.abort();
    });
    context.on("request", (request) => {
      if (request.frame().url() === pageUrl && request.url() !== pageUrl) requested.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the three-stage diagram and the mapping table, and requests nothing", async () => {
    const page = await context.newPage();
    await page.goto(pageUrl, { waitUntil: "load" });

    const diagram = page.locator("svg#flow");
    await expect.poll(() => diagram.isVisible()).toBe(true);
    const stages = page.locator("svg#flow g.stage");
    expect(await stages.evaluateAll((gs) => gs.map((g) => g.getAttribute("data-stage")))).toEqual([
      "input",
      "filters",
      "output",
    ]);
    for (const [stage, text] of [
      ["input", "GET /customers"],
      ["filters", "map to 9 fields"],
      ["output", "POST /clients/batch"],
    ]) {
      const box = stages.locator(`xpath=self::*[@data-stage="${stage}"]`);
      expect(await box.isVisible()).toBe(true);
      expect(await box.textContent()).toContain(text);
      const size = await box.boundingBox();
      expect(size!.width).toBeGreaterThan(100);
    }

    const rows = page.locator("table#mapping tbody tr.mapping-row");
    expect(await rows.count()).toBe(9);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-key")))).toEqual([
      "client_id",
      "full_name",
      "email",
      "segment",
      "balance_cents",
      "customer_since",
      "city",
      "country",
      "tags",
    ]);
    expect(await rows.first().isVisible()).toBe(true);
    expect(await page.locator("table#mapping").textContent()).toContain("translated");

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);

    await page.emulateMedia({ media: "print" });
    expect(await diagram.isVisible()).toBe(true);
    expect(requested).toEqual([]);
    await page.close();
  }, 60_000);

  it("would notice a page that tries to load something (control: the blocker records and aborts it)", async () => {
    const tampered = path.join(dir, "tampered.html");
    // Loopback, as every address a test may name; the route aborts the request before it is sent anyway.
    writeFileSync(tampered, '<!doctype html><img src="http://127.0.0.1:9/pixel.png"><p>x</p>');
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("request", (request) => {
      seen.push(request.url());
    });
    await page.goto(pathToFileURL(tampered).href, { waitUntil: "load" });
    expect(seen).toContain("http://127.0.0.1:9/pixel.png");
    await page.close();
  }, 60_000);
});
