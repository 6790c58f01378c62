import type { Logger } from "../logger.js";
import type { SourceKind } from "../config/types.js";
import type { ProgressEvent, SyncOptions } from "../pipeline.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A live status line of the services still in flight (TTY only; elsewhere, debug lines). */
export function createProgress(logger: Logger) {
  const active = new Map<string, string>();
  const started = Date.now();
  let frame = 0;
  const render = () => {
    if (active.size === 0) return logger.status();
    const items = [...active].map(([name, detail]) => `${name}: ${detail}`).join(" · ");
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    logger.status(`${logger.paint.cyan(FRAMES[frame++ % FRAMES.length]!)} ${items} ${logger.paint.dim(`${elapsed}s`)}`);
  };
  const timer = logger.interactive ? setInterval(render, 80) : undefined;
  timer?.unref();
  return {
    update(event: ProgressEvent) {
      if (event.phase === "done") active.delete(event.service);
      else active.set(event.service, event.phase === "generating" ? "generating" : event.detail);
      if (event.phase !== "done") logger.debug("progress", `${event.service}: ${active.get(event.service)}`);
      render();
    },
    stop() {
      if (timer) clearInterval(timer);
      logger.status();
    },
  };
}

/** The flags every service-running command shares. */
export interface ServiceFlags {
  config?: string;
  service?: string[];
  source?: SourceKind;
}

/** Pipeline options from those flags, wired to the progress line and the logger. */
export function pipelineOptions(flags: ServiceFlags, logger: Logger, progress: ReturnType<typeof createProgress>): SyncOptions {
  return {
    ...(flags.config ? { config: flags.config } : {}),
    ...(flags.service ? { services: flags.service } : {}),
    ...(flags.source ? { source: flags.source } : {}),
    onProgress: (event) => progress.update(event),
    onServiceOutput: (service, line) => logger.debug("services", `[${service}] ${line}`),
    onWarning: (message) => logger.warn(message),
  };
}
