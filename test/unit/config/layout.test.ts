import { join } from "node:path";
import { expect, test } from "vitest";
import { assertDistinctPaths } from "../../../src/config/layout.js";
import { resolveService } from "../../../src/config/resolve.js";
import { ConfigError } from "../../../src/errors.js";
import { openStandaloneSession } from "../../../src/session.js";

const ROOT = "/project";
const FILE = join(ROOT, "sync-types.config.json");
const service = (name: string, spec: string, output: string) =>
  resolveService(name, { dir: ".", source: "url", url: "http://127.0.0.1:1", spec, output }, ROOT, FILE);
const check = (...services: ReturnType<typeof service>[]) => () => assertDistinctPaths({ file: FILE, root: ROOT, services, runtime: { shared: undefined } });
const checkShared = (shared: string, ...services: ReturnType<typeof service>[]) => () => assertDistinctPaths({ file: FILE, root: ROOT, services, runtime: { shared: join(ROOT, shared) } });

test.each([
  ["two services in one output folder", [service("a", "a.json", "out"), service("b", "b.json", "out/")], "services.b.output: out is already services.a.output"],
  ["output folders that differ only in case (one folder on macOS and Windows)", [service("a", "a.json", "out"), service("b", "b.json", "Out")], "services.b.output: Out is already services.a.output"],
  ["two services writing one spec file", [service("a", "api.json", "a"), service("b", "api.json", "b")], "services.b.spec: api.json is already services.a.spec"],
  ["a spec written over the config file", [service("a", "sync-types.config.json", "out")], "services.a.spec: sync-types.config.json is already the config file"],
])("%s: exit 2 naming both settings", (_name, services, message) => {
  expect(check(...services)).toThrow(ConfigError);
  expect(check(...services)).toThrow(message);
});

test("a shared runtime folder that is a service's output folder is refused: one manifest per folder", () => {
  expect(checkShared("out/A", service("a", "a.json", "out/a"))).toThrow("runtime.shared: out/A is already services.a.output");
  expect(checkShared("out/runtime", service("a", "a.json", "out/a"))).not.toThrow();
});

test("distinct folders and specs, a spec inside its own output folder included, pass", () => {
  expect(check(service("a", "out/a/openapi.json", "out/a"), service("b", "b.json", "out/b"))).not.toThrow();
});

test.each(["types.gen.ts", "sync-types.manifest.json"])("a spec at a generated path (%s) is refused before anything is written", async (name) => {
  const session = openStandaloneSession("api", { dir: ".", source: "url", url: "http://127.0.0.1:1", spec: `out/${name}`, output: "out" }, { cwd: ROOT, outputSetting: "-o" });
  const files = [{ path: "types.gen.ts", content: "export {};\n" }];
  await expect(session.plan(session.config.services[0]!, files)).rejects.toThrow(`services.api.spec: out/${name} is a file sync-types generates into services.api.output`);
  await session.close();
});

const contractService = (name: string, dir: string, pydantic: string, output = `out/${name}`) =>
  resolveService(name, { dir, source: "url", url: "http://127.0.0.1:1", spec: `${name}.json`, output, contract: "web/contract.ts", pydantic }, ROOT, FILE);

test("a Pydantic module outside its service folder is refused (exit 2), naming the key and where it should go", () => {
  const outside = () => contractService("a", "svc", "web/models.py");
  expect(outside).toThrow(ConfigError);
  expect(outside).toThrow("services.a.pydantic: web/models.py is not inside the service folder (services.a.dir: svc)");
});

test("a Pydantic module is a path of its own: not another service's module, not inside an output folder", () => {
  expect(check(contractService("a", "svc", "svc/models.py"), contractService("b", "svc", "svc/models.py"))).toThrow("services.b.pydantic: svc/models.py is already services.a.pydantic");
  expect(check(contractService("a", "svc", "svc/out/models.py", "svc/out"))).toThrow("services.a.pydantic: svc/out/models.py is inside services.a.output");
  expect(check(contractService("a", "svc", "svc/app/contract_models.py"))).not.toThrow();
});
