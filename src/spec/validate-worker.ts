/**
 * The worker side of spec/validator.ts: Redocly lints one spec text per message, on its own
 * thread, while the main thread generates from the same spec.
 */
import { parentPort } from "node:worker_threads";
import { validateSpec } from "./validate.js";

interface Request {
  id: number;
  text: string;
  source: string;
}

parentPort!.on("message", ({ id, text, source }: Request) => {
  validateSpec(JSON.parse(text) as never, text, source).then(
    (problems) => parentPort!.postMessage({ id, problems }),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
