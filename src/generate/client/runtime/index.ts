/**
 * Source of `runtime.gen.ts`, the same for every service: the client's fetch wrapper, its
 * errors, and the Server-Sent Events and JSON Lines readers. It is TypeScript kept as text
 * because it ships as a generated file, not as a dependency; the compile tests type-check it
 * under TypeScript 5 and 7 and the unit tests run it. The parts are String.raw templates, so
 * they hold no backquote and no dollar-brace.
 */
import { ENCODING } from "./encoding.js";
import { ERRORS } from "./errors.js";
import { OPTIONS } from "./options.js";
import { STREAMS } from "./streams.js";
import { TRANSPORT } from "./transport.js";

/** Each part starts on the line after its opening backquote. */
export const RUNTIME_SOURCE: string = [OPTIONS, ERRORS, TRANSPORT, ENCODING, STREAMS].map((part) => part.slice(1)).join("\n");
