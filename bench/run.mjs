// `npm run bench`: every performance figure of the README in one run, side by side with peers.
// Numbers are measured here, never asserted in tests. `--only generate,check` picks sections.
import { benchDiff } from "./diff.mjs";
import { benchCheck } from "./check.mjs";
import { benchGenerate } from "./generate.mjs";
import { benchWatch } from "./watch.mjs";

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const sections = [
  ["generate", () => benchGenerate()],
  ["watch", () => benchWatch()],
  ["check", () => benchCheck()],
  ["diff", () => benchDiff()],
];

for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}\n`);
  console.log(`\n## ${name}\n\n${await run()}`);
}
