import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import workspaceContext from "nx/src/utils/workspace-context.js";
import { expect, test } from "vitest";
import { keptNodes } from "../../../src/nx/kept-nodes.js";
import { tempTree } from "../../helpers/temp-tree.js";

// The plugin runs inside Nx with or without its daemon; here there is none to ask.
process.env["NX_DAEMON"] = "false";

test("the nodes of a config are computed again only when a workspace file, other than a transpiled copy, or a probed venv changes", async () => {
  const root = await tempTree({ "nx.json": "{}", "sync-types.config.ts": "export default {};\n", "services/a/app.py": "" });
  const config = join(root, "sync-types.config.ts");
  const venv = join(root, "services/a/.venv/bin/python");
  let computed = 0;
  const nodes = (options: unknown = {}) => keptNodes(config, root, options, async () => {
    computed++;
    return { result: { projects: { "services/a": { name: `a${computed}` } } }, probes: [venv] };
  });

  expect(await nodes()).toEqual({ projects: { "services/a": { name: "a1" } } });
  // What the Nx daemon's watcher does on each change; a CLI run without it reads the files afresh.
  const changed = (path: string, created = false) => workspaceContext.updateContextWithChangedFiles(root, created ? [path] : [], created ? [] : [path], []);
  await writeFile(join(root, ".sync-types.config.ts.123.456.mjs"), "export default {};\n");
  await changed(".sync-types.config.ts.123.456.mjs", true);
  expect(await nodes()).toEqual({ projects: { "services/a": { name: "a1" } } });

  await writeFile(join(root, "services/a/app.py"), "# edited\n");
  await changed("services/a/app.py");
  expect((await nodes()).projects!["services/a"]!.name).toBe("a2");
  expect((await nodes({ targetName: "contract" })).projects!["services/a"]!.name).toBe("a3");

  await mkdir(join(root, "services/a/.venv/bin"), { recursive: true });
  await writeFile(venv, "");
  expect((await nodes({ targetName: "contract" })).projects!["services/a"]!.name).toBe("a4");
  expect((await nodes({ targetName: "contract" })).projects!["services/a"]!.name).toBe("a4");
});
