import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CliResult } from "../helpers/cli.js";
import {
  commitAll, git, makeOrdersConsumer, NEW_CALL_SITES, OLD_CALL_SITES, runCanDeploy, serveVariant, setOrdersUrl, startOrders, syncOrders,
} from "../helpers/orders-consumer.js";

/**
 * The expand/contract sequence `can-deploy` enables, walked against real services: renaming
 * `customer_name` to `customer` while the service and the Node app deploy independently. Each
 * step is judged the way a deploy pipeline would, and each verdict asserted. The README section
 * "Independent deploys: can-deploy" shows these runs.
 */
const [expanded, contracted] = await Promise.all([startOrders("expand"), startOrders("contract")]);
const SLOW = 300_000;

describe("expand/contract: customer_name → customer with independent deploys", () => {
  let dir: string;
  /** The Node app running in production before the rename started. */
  let firstApp: string;
  const canDeploy = (...args: string[]): Promise<CliResult> => runCanDeploy(dir, args);
  const safe = (run: CliResult, consumer: string) => {
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`safe to deploy: no call site of ${consumer} depends on what changed`);
    expect(run.code).toBe(0);
  };

  beforeAll(async () => {
    dir = await makeOrdersConsumer(OLD_CALL_SITES);
    firstApp = await git(dir, "rev-parse", "HEAD");
    await git(dir, "tag", "deployed-app");
  }, SLOW);

  test("1. add the new field: the service's committed contract is safe for the deployed app", async () => {
    await serveVariant(dir, "expand");
    await syncOrders(dir);
    await commitAll(dir, "orders: serve customer beside customer_name");
    const run = await canDeploy("--consumer-ref", "deployed-app");
    expect(run.stdout).toContain(`can-deploy: call sites of deployed-app (${firstApp.slice(0, 12)})`);
    expect(run.stdout).toMatch(/✓ orders {2}contracts\/orders\.openapi\.json: \d+ changes?/);
    safe(run, `deployed-app (${firstApp.slice(0, 12)})`);
  }, SLOW);

  test("2. deploy the service: the running service is safe for the deployed app", async () => {
    await setOrdersUrl(dir, expanded.baseUrl);
    const run = await canDeploy("--live", "--consumer-ref", "deployed-app");
    expect(run.stdout).toContain(`✓ orders  live ${expanded.baseUrl}/openapi.json:`);
    safe(run, `deployed-app (${firstApp.slice(0, 12)})`);
  }, SLOW);

  test("3. move the call sites: the working tree is safe against the running service", async () => {
    await writeFile(join(dir, "src/orders.ts"), NEW_CALL_SITES);
    const run = await canDeploy("--live");
    expect(run.stdout).toContain(`✓ orders  live ${expanded.baseUrl}/openapi.json: same contract as the consumer's`);
    safe(run, "the working tree");
    await commitAll(dir, "app: read and write customer");
  }, SLOW);

  test("4. deploy the Node app: the deployed commit is safe against the running service", async () => {
    await git(dir, "tag", "-f", "deployed-app");
    const run = await canDeploy("--live", "--consumer-ref", "deployed-app");
    safe(run, `deployed-app (${(await git(dir, "rev-parse", "HEAD")).slice(0, 12)})`);
  }, SLOW);

  test("5. remove the old field: safe for the app now deployed, which no longer uses it", async () => {
    await serveVariant(dir, "contract");
    await syncOrders(dir);
    await commitAll(dir, "orders: remove customer_name");
    const deployed = `deployed-app (${(await git(dir, "rev-parse", "deployed-app")).slice(0, 12)})`;
    const run = await canDeploy("--consumer-ref", "deployed-app");
    expect(run.stdout).toContain(`note: orders changed in 4 ways no call site of ${deployed} depends on:`);
    expect(run.stdout).toContain("  - response-required-property-removed  Order.customer_name:");
    safe(run, deployed);

    // Once it runs, the same verdict from the live service, as a deploy gate reads it.
    await setOrdersUrl(dir, contracted.baseUrl);
    const live = await canDeploy("--live", "--consumer-ref", "deployed-app", "--format", "json");
    expect(live.code).toBe(0);
    const json = JSON.parse(live.stdout);
    expect(json.callSites).toEqual([]);
    expect(json.services[0].unused.map((c: { location: string }) => c.location)).toContain("Order.customer_name");
  }, SLOW);

  test("skipping steps 3–4: removing the field while the first app is deployed -> exit 1 at its call sites", async () => {
    const run = await canDeploy("--consumer-ref", firstApp);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("src/orders.ts:7:16  TS2339  Property 'customer_name' does not exist");
    expect(run.stdout).toContain("caused by response-required-property-removed at Order.customer_name (orders)");
    expect(run.stdout).toContain(`NOT safe to deploy: 2 call sites of ${firstApp} (${firstApp.slice(0, 12)}) depend on what changed`);
  }, SLOW);
});
