import { expect, test } from "vitest";
import { SUBCOMMANDS, startsServices } from "../../../src/cli/early.js";
import { runCli } from "../../helpers/cli.js";
import { REPO_ROOT } from "../../helpers/paths.js";

const argv = (...args: string[]) => ["node", "sync-types", ...args];

test("the early guess knows every subcommand the CLI has", async () => {
  const { stdout, code } = await runCli(["--help"], { cwd: REPO_ROOT });
  expect(code).toBe(0);
  const listed = [...stdout.split("Commands:")[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]);
  expect([...listed].sort()).toEqual([...SUBCOMMANDS].sort());
});

test("the default command starts its watchdog before the CLI loads; other commands do not", () => {
  for (const args of [[], ["--source", "import"], ["-c", "x.ts", "-s", "a", "b"], ["--watch"], ["-w", "--no-serve"], ["--source=http"], ["--format", "json"]]) {
    expect(startsServices(argv(...args)), args.join(" ")).toBe(true);
  }
  for (const args of [["check"], ["-c", "x.ts", "check"], ["diff", "a.json", "b.json"], ["hook", "run"], ["init"], ["generate", "s.json"], ["--version"], ["-V"], ["--help"], ["-h"], ["help"], ["--source", "url"], ["--source=url"]]) {
    expect(startsServices(argv(...args)), args.join(" ")).toBe(false);
  }
});
