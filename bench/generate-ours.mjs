// One sync-types generation (types + client) from a spec file, as `npm run bench` times it.
import { readFile } from "node:fs/promises";
import { canonicalizeSpec, generateFiles } from "../dist/src/index.js";
import { applyOutput, planOutput } from "../dist/src/generate/write.js";

const [specFile, out] = process.argv.slice(2);
const spec = canonicalizeSpec(JSON.parse(await readFile(specFile, "utf8")), "bench");
const files = await generateFiles(spec, { specPath: "openapi.json" });
await applyOutput(out, await planOutput(out, files));
