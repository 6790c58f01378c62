/**
 * `sync-types --watch`: a thin chokidar watcher over a pure change planner and a stateful session.
 *
 *   file events ──► Batcher (debounce, coalesce) ──► planChanges (pure) ──► WatchSession.apply
 *                                                      config changed ──► reload, new session
 */
import { watch, type FSWatcher } from "chokidar";
import { dirname } from "node:path";
import type { ResolvedConfig } from "../config/types.js";
import { SyncTypesError, errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";
import { describeError } from "../reporters/describe-error.js";
import { openSession, type Session } from "../session.js";
import { Batcher } from "./batcher.js";
import { planChanges, watchTargets } from "./handler.js";
import { WatchSession } from "./session.js";

export interface WatchOptions {
  config?: string | undefined;
  /** Run the services under uvicorn while watching. Default `true`. */
  serve?: boolean;
}

export interface WatchHandle {
  /** Resolves once the current batch, if any, is handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const IGNORED = /(^|[/\\])(\.venv|venv|__pycache__|node_modules|\.git|\.mypy_cache|\.pytest_cache)([/\\]|$)|\.tmp$/;

export async function runWatch(options: WatchOptions, logger: Logger): Promise<WatchHandle> {
  // The first load fails hard: there is nothing to watch without a valid config.
  let core = await openSession({ config: options.config });
  let config = core.config;
  const serve = options.serve ?? true;
  let session = await startSession(core, logger, serve);
  let watcher = await startWatcher(config);
  announce(config, session, logger);
  session.warm();
  session.checkConsumers();

  const batcher = new Batcher(async (paths) => {
    const plan = planChanges(paths, watchTargets(config, session.contractFiles()));
    if (plan.reloadConfig) return reload();
    if (plan.resync.length > 0 || plan.typecheck) await session.apply(plan);
    // An edit to a contract may import one more file: it is watched from now on.
    watcher.add(contractRoots(config, session));
  });

  /** Resolves once the initial scan is done: a save before that would be missed. */
  async function startWatcher(current: ResolvedConfig): Promise<FSWatcher> {
    const roots = [current.file, ...current.services.map((s) => s.dir), ...current.typecheck.tsconfig.map((t) => dirname(t)), ...contractRoots(current, session)];
    const w = watch([...new Set(roots)], { ignored: (path) => IGNORED.test(path), ignoreInitial: true });
    for (const event of ["add", "change", "unlink"] as const) w.on(event, (path: string) => batcher.add(path));
    w.on("error", (error) => logger.warn(`file watcher: ${errorMessage(error)}`));
    await new Promise<void>((resolve) => w.once("ready", resolve));
    return w;
  }

  async function reload(): Promise<void> {
    let next: Session;
    try {
      // Through the same session as every command: plugins (pm2, say) shape what is watched.
      next = await openSession({ config: config.file });
    } catch (error) {
      const lines = error instanceof SyncTypesError ? describeError(error, logger) : [errorMessage(error)];
      logger.error(`config not reloaded: ${lines[0]}`);
      for (const line of lines.slice(1)) logger.info(`    ${line}`);
      logger.info(logger.paint.dim("    still watching with the previous config"));
      return;
    }
    logger.info(logger.paint.cyan("config changed: restarting"));
    await watcher.close();
    const ports = session.ports();
    await session.stop();
    await core.close();
    core = next;
    config = core.config;
    session = await startSession(core, logger, serve, ports);
    watcher = await startWatcher(config);
    announce(config, session, logger);
    session.warm();
    session.checkConsumers();
  }

  return {
    idle: () => batcher.idle(),
    async close() {
      batcher.dispose();
      await watcher.close();
      await session.stop();
      await core.close();
    },
  };
}

/** The files every contract is made of, as far as the last run knows. */
function contractRoots(config: ResolvedConfig, session: WatchSession): string[] {
  const known = session.contractFiles();
  return config.services.flatMap((s) => known.get(s.name) ?? (s.contract === undefined ? [] : [s.contract]));
}

async function startSession(core: Session, logger: Logger, serve: boolean, ports?: ReadonlyMap<string, number>): Promise<WatchSession> {
  const session = new WatchSession(core, logger, { serve, ports });
  await session.start();
  return session;
}

function announce(config: ResolvedConfig, session: WatchSession, logger: Logger): void {
  const urls = session.urls();
  const n = config.services.length;
  logger.info(logger.paint.dim(`watching ${n} service${n === 1 ? "" : "s"}${urls.length ? ` · ${urls.join(" · ")}` : ""} · Ctrl-C to stop`));
}
