import { execa } from "execa";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli, type CliResult } from "./cli.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "./paths.js";
import { privateTmp } from "./private-tmp.js";
import { makeProject } from "./project.js";
import { startUvicorn, type RunningUvicorn } from "./uvicorn.js";

/** The orders service in each contract step (test/fixtures/deploy-apps/orders/app/<variant>.py). */
export type OrdersVariant = "v1" | "v2" | "v3" | "expand" | "contract";

const ORDERS_APP = join(REPO_ROOT, "test/fixtures/deploy-apps/orders");
/** The token the fixture's gate accepts (app/service.py); a wrong one is refused and echoed. */
export const ORDERS_TOKEN = "s3cret-deploy-token-42";

/** The Node app's call sites on `customer_name` (a typed read and a typed write) and on the status route (a raw fetch and a client call). */
export const OLD_CALL_SITES = `import { createClient, type Order } from "./clients/orders/index.js";

const client = createClient({ baseUrl: process.env["ORDERS_URL"] ?? "http://127.0.0.1:8000" });

export async function customerOf(id: number): Promise<string> {
  const order = await client.getOrder({ path: { order_id: id } });
  return order.customer_name;
}

export function placeOrder(name: string): Promise<Order> {
  return client.createOrder({ body: { customer_name: name, total: 10 } });
}

export async function statusOf(id: number): Promise<unknown> {
  const response = await fetch(\`\${process.env["ORDERS_URL"]}/orders/\${id}/status\`);
  return response.json();
}

export function statusViaClient(id: number): Promise<Record<string, string>> {
  return client.orderStatus({ path: { order_id: id } });
}
`;

/** The same call sites moved to `customer`. */
export const NEW_CALL_SITES = OLD_CALL_SITES.replace("order.customer_name", "order.customer").replace("{ customer_name: name,", "{ customer: name,");

/** A served orders variant on a free loopback port, stopped after the test file. */
export function startOrders(variant: OrdersVariant): Promise<RunningUvicorn> {
  return startUvicorn({ cwd: ORDERS_APP, python: FIXTURE_PYTHON, app: `app.${variant}:app` });
}

/**
 * A Node app with its own TypeScript and @types/node that calls orders (served as `variant`)
 * through its generated client, synced and committed in a git repository of its own. The
 * service's `headers` name the token from `DEPLOY_TOKEN`, as a tunnel's access token would be.
 */
export async function makeOrdersConsumer(callSites: string, variant: OrdersVariant = "v1"): Promise<string> {
  const dir = await makeProject({
    orders: {
      from: "test/fixtures/deploy-apps/orders",
      source: "import",
      url: "http://127.0.0.1:9",
      headers: { "X-Deploy-Token": "${DEPLOY_TOKEN}" },
      baseUrlEnv: "ORDERS_URL",
    },
  }, { typecheck: { tsconfig: "tsconfig.json" } });
  await serveVariant(dir, variant);
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: ["node"], lib: ["ES2022", "DOM"] },
    include: ["src"],
  }));
  await mkdir(join(dir, "src"));
  await writeFile(join(dir, "src/orders.ts"), callSites);
  await mkdir(join(dir, "node_modules/@types"), { recursive: true });
  await symlink(join(REPO_ROOT, "node_modules/typescript"), join(dir, "node_modules/typescript"));
  await symlink(join(REPO_ROOT, "node_modules/@types/node"), join(dir, "node_modules/@types/node"));
  await writeFile(join(dir, ".gitignore"), "node_modules/\n__pycache__/\n.sync-types/\n");
  await syncOrders(dir);
  await git(dir, "init", "-q");
  await commitAll(dir, "the Node app on orders v1");
  return dir;
}

/** Edits the service's code to the variant's (what a developer does before syncing). */
export function serveVariant(dir: string, variant: OrdersVariant): Promise<void> {
  return copyFile(join(ORDERS_APP, `app/${variant}.py`), join(dir, "services/orders/app/main.py"));
}

/** `sync-types`: the committed spec and client follow the service's code. */
export async function syncOrders(dir: string): Promise<void> {
  const run = await runCli([], { cwd: dir });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}

/** Points the service's configured `url` (what `--live` asks) at `url`. */
export async function setOrdersUrl(dir: string, url: string): Promise<void> {
  const file = join(dir, "sync-types.config.json");
  const config = JSON.parse(await readFile(file, "utf8"));
  config.services.orders.url = url;
  await writeFile(file, JSON.stringify(config, null, 2));
}

export async function git(dir: string, ...args: string[]): Promise<string> {
  const result = await execa("git", args, { cwd: dir, env: { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  return result.stdout.trim();
}

/** Commits everything and returns the commit hash. */
export async function commitAll(dir: string, message: string): Promise<string> {
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

/**
 * `sync-types can-deploy` with `DEPLOY_TOKEN` set, in a TMPDIR of the test's own: the tree a
 * `--consumer-ref` run unpacks must be gone when it ends, whatever its verdict. Call from inside a test.
 */
export async function runCanDeploy(dir: string, args: string[], token = ORDERS_TOKEN): Promise<CliResult> {
  const tmp = await privateTmp();
  const run = await runCli(["can-deploy", ...args], { cwd: dir, env: { DEPLOY_TOKEN: token, TMPDIR: tmp.dir } });
  expect(await tmp.leftovers(), `temp files left by can-deploy ${args.join(" ")}`).toEqual([]);
  return run;
}
