import type { BreakingPolicy, ServiceConfig } from "../config/types.js";

export interface ConfigEntry {
  name: string;
  config: ServiceConfig;
  /** Where the service was found, written as the comment above it. */
  foundIn: string[];
}

/** The Node app side of the config, when `init` found (or was told) the app that calls the services. */
export interface ConsumerEntry {
  /** Its tsconfig, relative to the config file. */
  tsconfig: string;
  policy: BreakingPolicy;
}

const PLAIN_KEYS = ["dir", "app", "spec", "output", "python", "url"] as const;
// Such values stay in the environment: the config file is committed.
const SECRET_NAME = /SECRET|TOKEN|PASSW|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH|DSN|DATABASE_URL/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The text of `sync-types.config.ts`: the same services always give the same bytes, and every string is escaped. */
export function renderConfig(entries: ConfigEntry[], consumer?: ConsumerEntry): string {
  const lines = [
    'import { defineConfig } from "sync-types/config";',
    "",
    "// Written by `sync-types init`. Paths are relative to this file: `spec` is the committed",
    "// contract, `output` the generated client folder. Edit freely; the README lists every option.",
    "export default defineConfig({",
    "  services: {",
  ];
  for (const { name, config, foundIn } of entries) {
    lines.push(`    // ${comment(`found: ${foundIn.join("; ")}`)}`, `    ${literal(name)}: {`);
    for (const key of PLAIN_KEYS) {
      const value = config[key];
      if (value === undefined) continue;
      if (key === "url") lines.push("      // where it runs when deployed; `sync-types --source url` reads it there");
      lines.push(`      ${key}: ${literal(value)},`);
    }
    if (config.env) lines.push(...renderEnv(config.env));
    lines.push("    },");
  }
  lines.push("  },");
  if (consumer) {
    lines.push(
      "  // the Node app whose call sites `check` and the hook type-check against the regenerated clients",
      `  typecheck: { tsconfig: ${literal(consumer.tsconfig)} },`,
      consumer.policy === "deploy-together"
        ? "  // it deploys with the services: a breaking change fails only when a call site stops compiling"
        : "  // it may deploy apart from the services: a breaking change fails until accepted (breaking.ignore)",
      `  breaking: { policy: ${literal(consumer.policy)} },`,
    );
  }
  lines.push("});", "");
  return lines.join("\n");
}

function renderEnv(env: Record<string, string>): string[] {
  const keys = Object.keys(env);
  const lines = keys.some((key) => SECRET_NAME.test(key))
    ? ["      // values that look like secrets are read from the environment, not written here"]
    : [];
  lines.push("      env: {");
  for (const key of keys) {
    const value = SECRET_NAME.test(key) ? `process.env[${literal(key)}] ?? ""` : literal(env[key]!);
    lines.push(`        ${IDENTIFIER.test(key) ? key : literal(key)}: ${value},`);
  }
  lines.push("      },");
  return lines;
}

const literal = (value: string): string => JSON.stringify(value);

/** A line comment cannot be ended early by anything but a line break. */
const comment = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, " ");
