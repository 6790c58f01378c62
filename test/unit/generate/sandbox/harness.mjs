// Imports generated modules, builds their clients and calls every method against a fake fetch,
// with every effect visible from JavaScript recorded: globals and built-in prototypes written,
// anything printed, timers or global fetch used while loading, process methods called, imports
// other than siblings and zod. Prints one JSON line: { effects, exports, urls }.
// Usage: node harness.mjs '{"folders": [{ "folder": "/tmp/…", "path": { "id": "x" } }], "zod": "file:///…/node_modules/zod/"}'
// (`path`: a value for every path parameter of the folder's spec).
import { register } from "node:module";
import { pathToFileURL } from "node:url";

const { folders, zod } = JSON.parse(process.argv[2]);
register("./hooks.mjs", import.meta.url, { data: { allowed: [...folders.map(({ folder }) => pathToFileURL(`${folder}/`).href), zod] } });
// zod's own globals (its registry and config) are defined before anything is watched.
await import(new URL("index.js", zod).href);

const print = process.stdout.write.bind(process.stdout);
const effects = [];
const record = (effect) => effects.push(effect);

for (const stream of [process.stdout, process.stderr]) stream.write = (chunk) => (record(`printed ${JSON.stringify(String(chunk))}`), true);
for (const method of ["log", "info", "warn", "error", "debug", "trace", "dir", "table", "group", "time"]) console[method] = () => record(`console.${method}`);
for (const method of ["exit", "kill", "abort", "chdir", "binding", "_linkedBinding", "dlopen", "on", "once", "emitWarning", "setUncaughtExceptionCaptureCallback"]) {
  process[method] = () => record(`process.${method}`);
}

const BUILTINS = [
  globalThis, Object, Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype,
  Symbol.prototype, Promise.prototype, RegExp.prototype, Error.prototype, Map.prototype, Set.prototype, JSON, Math, Reflect,
  Response.prototype, Request.prototype, Headers.prototype, URL.prototype, URLSearchParams.prototype, process, process.env,
];
const snapshot = () =>
  BUILTINS.map((target) => new Map(Reflect.ownKeys(target).map((key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
    return [key, descriptor.get ?? descriptor.set ?? descriptor.value];
  })));
// Read before the snapshot: Node's lazy globals (AbortController, fetch…) define themselves on first read.
for (const key of Reflect.ownKeys(globalThis)) Reflect.get(globalThis, key);
const loading = ["setTimeout", "setInterval", "setImmediate", "queueMicrotask", "fetch"];
const originals = Object.fromEntries(loading.map((name) => [name, globalThis[name]]));
const before = snapshot();

const traps = Object.fromEntries(loading.map((name) => [name, () => record(`${name} while loading`)]));
Object.assign(globalThis, traps);

const exports = [];
const modules = [];
for (const { folder, path } of folders) {
  const loaded = { path };
  for (const file of ["runtime.gen.mjs", "types.gen.mjs", "client.gen.mjs", "index.mjs", "schemas.gen.mjs", "fakes.gen.mjs"]) {
    try {
      loaded[file] = await import(pathToFileURL(`${folder}/${file}`).href);
      exports.push([folder, file, Object.keys(loaded[file]).sort()]);
    } catch (error) {
      record(`${folder}/${file} failed to load: ${error}`);
    }
  }
  modules.push(loaded);
}
for (const name of loading) {
  if (globalThis[name] !== traps[name]) record(`${name} replaced`);
  globalThis[name] = originals[name];
}

// Calls run the runtime's own code (timers included); only the URLs they reach are checked.
const urls = [];
const fetch = async (url) => (urls.push(String(url)), new Response("{}", { status: 200, headers: { "content-type": "application/json" } }));
for (const loaded of modules) {
  const clients = [loaded["client.gen.mjs"]?.createClient, loaded["schemas.gen.mjs"]?.createValidatingClient].filter(Boolean);
  for (const create of clients) {
    const client = create({ baseUrl: "http://sandbox.invalid/api", fetch });
    for (const [name, method] of Object.entries(client)) {
      try {
        const result = method({ path: loaded.path });
        if (typeof result?.then === "function") await result;
        else for await (const _item of result) break;
      } catch {
        // A runtime error (no such path parameter, a body that is not a stream) is no effect.
      }
      try {
        loaded["schemas.gen.mjs"]?.validateResponse({ operation: name, status: 200, body: {} });
      } catch {
        // A body that does not match is the point of validation.
      }
    }
  }
}

// The fakes answer every method in place of the network: their routing, validation and answers run too.
for (const loaded of modules) {
  const createFakeFetch = loaded["fakes.gen.mjs"]?.createFakeFetch;
  if (!createFakeFetch) continue;
  const client = loaded["client.gen.mjs"].createClient({ baseUrl: "http://sandbox.invalid", fetch: createFakeFetch() });
  for (const method of Object.values(client)) {
    try {
      const result = method({ path: loaded.path, query: {}, body: {} });
      if (typeof result?.then === "function") await result;
      else for await (const _item of result) break;
    } catch {
      // A 422 or a declared error is an answer, not an effect.
    }
  }
}

const after = snapshot();
BUILTINS.forEach((target, index) => {
  const [was, is] = [before[index], after[index]];
  for (const [key, value] of is) if (!was.has(key) || !Object.is(was.get(key), value)) record(`builtin ${index} ${String(key)} written`);
  for (const key of was.keys()) if (!is.has(key)) record(`builtin ${index} ${String(key)} deleted`);
});
print(`${JSON.stringify({ effects, exports, urls })}\n`);
