import { beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../src/services/ports.js";
import type { CliResult } from "../helpers/cli.js";
import { makeOrdersConsumer, runCanDeploy, OLD_CALL_SITES, ORDERS_TOKEN, setOrdersUrl, startOrders } from "../helpers/orders-consumer.js";

/**
 * `can-deploy` against real FastAPI services on loopback (the "live" side) and a real consumer
 * project judged by its own TypeScript. The consumer was built against orders v1; v2 renames the
 * field its call sites read and write and drops the route it fetches raw; v3 drops a field and an
 * operation no call site uses.
 */
const [v1, v2, v3] = await Promise.all([startOrders("v1"), startOrders("v2"), startOrders("v3")]);
const FORMATS = ["pretty", "json", "github", "markdown"] as const;
const WRONG_TOKEN = "wrong-but-secret-token-77";

/** Real services and two compilers per run on a shared machine: generous bounds, never timings. */
const SLOW = 300_000;

describe("can-deploy on a consumer built against orders v1", () => {
  let dir: string;
  /** Every output of the file, to check that no run printed the token it sent. */
  const printed: string[] = [];
  const canDeploy = async (args: string[], token = ORDERS_TOKEN): Promise<CliResult> => {
    const run = await runCanDeploy(dir, args, token);
    printed.push(run.stdout, run.stderr);
    return run;
  };
  beforeAll(async () => {
    dir = await makeOrdersConsumer(OLD_CALL_SITES);
  }, SLOW);

  test("the live service serves the same contract -> exit 0", async () => {
    const run = await canDeploy(["--live-url", v1.baseUrl]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`✓ orders  live ${v1.baseUrl}/openapi.json: same contract as the consumer's`);
    expect(run.stdout).toContain("safe to deploy: no call site of the working tree depends on what changed");
    expect(run.code).toBe(0);
  }, SLOW);

  test("live v2 renamed a field call sites use and dropped a fetched route -> exit 1 naming each call site, change and service", async () => {
    const run = await canDeploy(["--live-url", v2.baseUrl]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ orders");
    expect(run.stdout).toContain("src/orders.ts:7:16  TS2339  Property 'customer_name' does not exist");
    expect(run.stdout).toContain("caused by response-required-property-removed at Order.customer_name (orders)");
    expect(run.stdout).toContain("src/orders.ts:11:39  TS2353");
    expect(run.stdout).toContain("caused by request-property-removed at OrderCreate.customer_name (orders)");
    expect(run.stdout).toContain("src/orders.ts:15:26  GET /orders/{…}/status: removed from orders by operation-removed at GET /orders/{order_id}/status");
    expect(run.stdout).toMatch(/src\/orders\.ts:20:\d+  TS2339  Property 'orderStatus' does not exist/);
    expect(run.stdout).toContain("caused by operation-removed at GET /orders/{order_id}/status (orders)");
    expect(run.stdout).toContain("NOT safe to deploy: 4 call sites of the working tree depend on what changed");

    const json = JSON.parse((await canDeploy(["--live-url", v2.baseUrl, "--format", "json"])).stdout);
    expect(json.exitCode).toBe(1);
    expect(json.consumer).toEqual({ ref: null, commit: null });
    expect(json.services).toMatchObject([{ service: "orders", contract: `live ${v2.baseUrl}/openapi.json`, status: "blocked", error: null }]);
    expect(json.callSites.map((c: { file: string; line: number; code: number; cause: unknown }) => [c.file, c.line, c.code, c.cause])).toEqual([
      ["src/orders.ts", 7, 2339, { id: "response-required-property-removed", location: "Order.customer_name" }],
      ["src/orders.ts", 11, 2353, { id: "request-property-removed", location: "OrderCreate.customer_name" }],
      ["src/orders.ts", 20, 2339, { id: "operation-removed", location: "GET /orders/{order_id}/status" }],
    ]);
    expect(json.rawCalls).toEqual([{
      file: "src/orders.ts", line: 15, column: 26, service: "orders", method: "GET", path: "/orders/{…}/status", removed: true,
      cause: { id: "operation-removed", location: "GET /orders/{order_id}/status" },
    }]);
    // The one change of OrderCreate the broken write does not name is still its call site's.
    expect(json.services[0].unused).toEqual([]);
    expect(json.compilers).toEqual([expect.objectContaining({ tsconfig: "tsconfig.json", source: "consumer" })]);
  }, SLOW);

  test("live v3 dropped only what no call site uses -> exit 0 with a note listing those changes", async () => {
    const run = await canDeploy(["--live-url", v3.baseUrl]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("note: orders changed in 2 ways no call site of the working tree depends on:");
    expect(run.stdout).toContain("  - operation-removed  GET /legacy-report: GET /legacy-report was removed (client method legacyReport)");
    expect(run.stdout).toContain("  - response-required-property-removed  Order.notes: required property \"notes\" was removed");

    const markdown = await canDeploy(["--live-url", v3.baseUrl, "--format", "markdown"]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("### sync-types can-deploy: ✅ safe to deploy");
    expect(markdown.stdout).toContain("**`orders` changes no call site depends on:**");
    expect(markdown.stdout).toContain("- `operation-removed` `GET /legacy-report`:");
    expect(markdown.stdout).toContain("- `response-required-property-removed` `Order.notes`:");
    const json = JSON.parse((await canDeploy(["--live-url", v3.baseUrl, "--format", "json"])).stdout);
    expect(json.services[0].unused.map((c: { id: string; location: string }) => `${c.id} ${c.location}`)).toEqual([
      "operation-removed GET /legacy-report",
      "response-required-property-removed Order.notes",
    ]);
    expect(json.callSites).toEqual([]);
  }, SLOW);

  test("--live asks the configured url with its headers; every format says the same verdict", async () => {
    await setOrdersUrl(dir, v2.baseUrl);
    const github = await canDeploy(["--live", "--format", "github"]);
    expect(github.code).toBe(1);
    expect(github.stdout).toContain("::error file=src/orders.ts,line=7,col=16,title=sync-types can-deploy%3A call site breaks (TS2339)::");
    expect(github.stdout).toContain("caused by response-required-property-removed at Order.customer_name (orders)");
    expect(github.stdout).toContain("::error file=src/orders.ts,line=15,col=26,title=sync-types can-deploy%3A raw call::GET /orders/{…}/status is no longer an operation of orders");
    // The configured token is sent: a wrong one is refused by the service (exit 3, not a verdict).
    const refused = await canDeploy(["--live"], WRONG_TOKEN);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain(`✗ orders  could not be judged`);
    expect(refused.stdout).toContain(`${v2.baseUrl}/openapi.json answered 401`);
  }, SLOW);

  test("an unreachable live URL -> exit 3 with a clear message", async () => {
    const port = await freePort();
    const run = await canDeploy(["--live-url", `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`nothing answered at http://127.0.0.1:${port}/openapi.json`);
    expect(run.stdout).toContain("could not judge every service");
    const json = JSON.parse((await canDeploy(["--live-url", `http://127.0.0.1:${port}`, "--format", "json"])).stdout);
    expect(json.exitCode).toBe(3);
    expect(json.services[0]).toMatchObject({ status: "failed", error: { exitCode: 3 } });
  }, SLOW);

  test("bad usage -> exit 2 naming the flag and the fix", async () => {
    const cases: [string[], string][] = [
      [[], "can-deploy needs the contract to judge"],
      [["--live", "--live-url", v1.baseUrl], "--live-url and --live cannot be used together"],
      [["--live-url", "ftp://example.com"], "not an http(s) URL"],
      [["--consumer-ref", "no-such-ref"], "--consumer-ref no-such-ref: not a commit of"],
      [["--live-url", v1.baseUrl, "--service", "billing"], 'unknown service "billing"'],
    ];
    for (const [args, message] of cases) {
      const run = await canDeploy(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  }, SLOW);

  test("a header secret never appears in any format, judged or refused", async () => {
    await setOrdersUrl(dir, v2.baseUrl);
    for (const format of FORMATS) {
      const refused = await canDeploy(["--live", "--format", format], WRONG_TOKEN);
      expect(refused.code, format).toBe(3);
    }
    // The judged runs of this file (every format, the right token sent) and the refused ones.
    expect(printed.join("\n")).toContain("NOT safe to deploy");
    expect(printed.join("\n")).toContain("sync-types can-deploy: ✅ safe to deploy");
    for (const output of printed) {
      expect(output).not.toContain(ORDERS_TOKEN);
      expect(output).not.toContain(WRONG_TOKEN);
    }
  }, SLOW);
});
