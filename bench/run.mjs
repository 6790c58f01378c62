// `npm run bench`: every performance figure of the README in one run, side by side with peers.
// Numbers are measured here, never asserted in tests. `--only generate,check` picks sections.
import { benchDiff } from "./diff.mjs";
import { benchFake } from "./fake.mjs";
import { benchCheck } from "./check.mjs";
import { benchGenerate } from "./generate.mjs";
import { benchHook } from "./hook.mjs";
import { benchPydantic } from "./pydantic.mjs";
import { benchContractSync } from "./contract-sync.mjs";
import { benchSoak } from "./soak.mjs";
import { benchStartup } from "./startup.mjs";
import { benchWatch } from "./watch.mjs";

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const sections = [
  ["generate", () => benchGenerate()],
  ["startup", () => benchStartup()],
  ["watch", () => benchWatch()],
  ["check", () => benchCheck()],
  ["diff", () => benchDiff()],
  ["hook", () => benchHook()],
  ["soak", () => benchSoak({ saves: 1000 })],
  ["fake", () => benchFake()],
  ["pydantic", () => benchPydantic()],
  ["contract-sync", () => benchContractSync()],
];

for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}\n`);
  console.log(`\n## ${name}\n\n${await run()}`);
}
