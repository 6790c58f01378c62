#!/usr/bin/env node
import { beforeCli } from "../dist/src/cli/early.js";

// Before the CLI's own modules load: see early.ts.
await beforeCli(process.argv);
const { main } = await import("../dist/src/cli/index.js");
await main(process.argv);
