import { describe, expect, test } from "vitest";
import { affectedServices, type HookManifest } from "../../../src/hook/manifest.js";

const manifest: HookManifest = {
  key: "k",
  configFile: "/repo/sync-types.config.ts",
  services: [
    { name: "api", dir: "/repo/services/api", watch: ["**/*.py", "pyproject.toml"], spec: "/repo/contracts/api.json", output: "/repo/src/clients/api" },
    { name: "jobs", dir: "/repo/services/jobs", watch: ["app/**/*.py"], spec: "/repo/contracts/jobs.json", output: "/repo/src/clients/jobs" },
    {
      name: "quotes", dir: "/repo/services/quotes", watch: ["**/*.py"], spec: "/repo/contracts/quotes.json", output: "/repo/src/clients/quotes",
      contractFiles: ["/repo/web/src/contracts/quote.ts", "/repo/web/src/contracts/money.ts"],
    },
  ],
  shared: "/repo/src/clients/_runtime",
};

describe("affectedServices", () => {
  test.each<[string, { staged: string[]; want: string[] }]>([
    ["docs only", { staged: ["/repo/README.md", "/repo/docs/guide.md"], want: [] }],
    ["nothing staged", { staged: [], want: [] }],
    ["a watched source", { staged: ["/repo/services/api/app/models.py"], want: ["api"] }],
    ["a watched file at the service root", { staged: ["/repo/services/api/pyproject.toml"], want: ["api"] }],
    ["a dotfile folder still matches", { staged: ["/repo/services/api/.hidden/x.py"], want: ["api"] }],
    ["an unwatched file in a service folder", { staged: ["/repo/services/api/README.md"], want: [] }],
    ["outside the service's own globs", { staged: ["/repo/services/jobs/scripts/seed.py"], want: [] }],
    ["inside a venv", { staged: ["/repo/services/api/.venv/lib/site.py"], want: [] }],
    ["the committed spec", { staged: ["/repo/contracts/jobs.json"], want: ["jobs"] }],
    ["a generated file", { staged: ["/repo/src/clients/api/types.gen.ts"], want: ["api"] }],
    ["a sibling folder with the same prefix", { staged: ["/repo/services/api-old/main.py", "/repo/src/clients/apix.ts"], want: [] }],
    ["the config file: every service", { staged: ["/repo/sync-types.config.ts"], want: ["api", "jobs", "quotes"] }],
    ["a TypeScript contract", { staged: ["/repo/web/src/contracts/quote.ts"], want: ["quotes"] }],
    ["a file the contract imports", { staged: ["/repo/web/src/contracts/money.ts"], want: ["quotes"] }],
    ["another file beside the contract", { staged: ["/repo/web/src/contracts/other.ts"], want: [] }],
    ["the shared runtime (every client imports it): every service", { staged: ["/repo/src/clients/_runtime/runtime.gen.ts"], want: ["api", "jobs", "quotes"] }],
    ["a sibling of the shared runtime folder", { staged: ["/repo/src/clients/_runtime-old/runtime.gen.ts"], want: [] }],
    ["several, in config order", { staged: ["/repo/services/jobs/app/main.py", "/repo/contracts/api.json"], want: ["api", "jobs"] }],
  ])("%s", (_name, { staged, want }) => {
    expect(affectedServices(manifest, staged)).toEqual(want);
  });
});
