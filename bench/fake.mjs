// `sync-types fake` latency: the median and p95 of sequential requests over one keep-alive
// connection to the served fake of the estimation-api example (a simple GET, and a POST whose
// body is validated), side by side with Prism's mock server on the same spec when Prism can be
// installed into bench/.work/prism. Loopback only; request counts are fixed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK, median, table } from "./lib.mjs";

const SPEC = join(ROOT, "examples/contracts/estimation-api.openapi.json");
const PRISM = join(WORK, "prism");
const WARMUP = 100;
const REQUESTS = 1000;
const BODY = JSON.stringify({ customer: "ACME", currency: "EUR", line_items: [{ sku: "SEATS", quantity: 2, pricing: { kind: "fixed", amount: "49.00" } }] });

/** Starts `argv` and resolves with its base URL once a line of its output names one. */
function serve(argv, cwd, pattern) {
  const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${argv.join(" ")} did not start:\n${output}`)), 120_000);
    const read = (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGINT"))) });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`${argv.join(" ")} exited ${code}:\n${output}`)));
  });
}

/** Median and p95 milliseconds of `REQUESTS` sequential requests, after a warm-up. */
async function latency(request) {
  for (let i = 0; i < WARMUP; i++) await (await request()).arrayBuffer();
  const times = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  const sorted = times.sort((a, b) => a - b);
  return { median: median(sorted), p95: sorted[Math.floor(sorted.length * 0.95)] };
}

async function measureServer(name, server) {
  const rows = [];
  try {
    const get = await latency(() => fetch(`${server.url}/health`));
    const post = await latency(() => fetch(`${server.url}/estimates`, { method: "POST", body: BODY, headers: { "content-type": "application/json" } }));
    rows.push([`${name}: GET /health`, ms(get.median), ms(get.p95)]);
    rows.push([`${name}: POST /estimates${name.startsWith("bare") ? " (body read, not checked)" : " (body validated)"}`, ms(post.median), ms(post.p95)]);
  } finally {
    await server.stop();
  }
  return rows;
}

/** Prism's CLI, installed on first use into the bench folder (never a dependency of the project). */
function prismBin() {
  const bin = join(PRISM, "node_modules/.bin/prism");
  if (existsSync(bin)) return bin;
  mkdirSync(PRISM, { recursive: true });
  const result = spawnSync("npm", ["install", "--prefix", PRISM, "--no-audit", "--no-fund", "@stoplight/prism-cli@5"], { encoding: "utf8", timeout: 600_000 });
  return result.status === 0 && existsSync(bin) ? bin : undefined;
}

export async function benchFake() {
  const project = join(WORK, "fake");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "sync-types.config.json"), JSON.stringify({ services: { "estimation-api": { dir: ".", app: "app.main:app", spec: SPEC, output: "out" } } }));
  // What a bare node:http server answering fixed bytes costs on this machine now: the floor under both.
  const floor = `require("http").createServer((q, s) => { q.resume(); q.on("end", () => s.writeHead(200, { "content-type": "application/json" }).end("{}")); }).listen(0, "127.0.0.1", function () { console.log("http://127.0.0.1:" + this.address().port); })`;
  const baseline = await serve([process.execPath, "-e", floor], project, /(http:\/\/127\.0\.0\.1:\d+)/);
  const ours = await serve([process.execPath, join(ROOT, "bin/sync-types.js"), "fake"], project, /^estimation-api {2}(http:\S+)$/m);
  const rows = [...(await measureServer("sync-types fake", ours)), ...(await measureServer("bare node:http, fixed bytes", baseline))];
  const prism = prismBin();
  if (prism) {
    const port = 41000 + (process.pid % 1000);
    rows.push(...(await measureServer("prism mock", await serve([prism, "mock", "-h", "127.0.0.1", "-p", String(port), SPEC], project, /(http:\/\/127\.0\.0\.1:\d+)/))));
  } else rows.push(["prism mock", "not installed", ""]);
  return table(["served fake, estimation-api example", `median (${REQUESTS} requests)`, "p95"], rows);
}

function ms(value) {
  return `${value.toFixed(2)} ms`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchFake());
