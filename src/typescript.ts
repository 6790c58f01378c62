/**
 * The bundled TypeScript compiler API, loaded through `require`: `import ts from "typescript"`
 * first has Node scan the 9 MB CommonJS file for its named exports, about 0.3 s more. Modules
 * take the value from here and its types from `import type TS from "typescript"`.
 */
import { createRequire } from "node:module";
import type TS from "typescript";

const ts = createRequire(import.meta.url)("typescript") as typeof TS;
export default ts;
