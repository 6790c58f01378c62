import { watch, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import { registerCleanup } from "../../cleanup.js";
import { UsageError, errorMessage } from "../../errors.js";
import { loadFake } from "../../fake/load.js";
import { serveFake, type FakeServer } from "../../fake/server.js";
import type { Logger } from "../../logger.js";
import { openSession } from "../../session.js";

export interface FakeCommandOptions {
  config?: string | undefined;
  service?: string[] | undefined;
  /** First port; each further service takes the next one. Default: free ports. */
  port?: string | undefined;
  watch?: boolean | undefined;
}

/** How long a burst of writes to a spec (an editor's save, an atomic rename) settles before it is read. */
const SETTLE_MS = 100;

/**
 * `sync-types fake`: every selected service's fake over HTTP on loopback, one port each, from its
 * committed spec, with no Python. Runs until Ctrl-C or SIGTERM, which close the servers through
 * the clean-up registry. Resolves only when it fails to start.
 */
export async function runFake(options: FakeCommandOptions, logger: Logger): Promise<number> {
  const first = parsePort(options.port);
  const session = await openSession({ config: options.config });
  const servers: FakeServer[] = [];
  const watchers: FSWatcher[] = [];
  const stop = async () => {
    for (const watcher of watchers) watcher.close();
    await Promise.all(servers.map((server) => server.close()));
  };
  // Registered before anything listens: a signal during start-up still closes what did.
  const unregister = registerCleanup(stop);
  try {
    const services = session.select(options.service);
    for (const [index, service] of services.entries()) {
      const fake = await loadFake(service, (message) => logger.warn(message));
      const server = await serveFake(fake, first === 0 ? 0 : first + index).catch((error: unknown) => {
        throw new UsageError(`${service.name}: cannot listen on port ${first + index}: ${errorMessage(error)}`, "pick another --port, or leave it out for free ports");
      });
      servers.push(server);
      logger.info(`${service.name}  ${server.url}`);
      if (options.watch) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const reload = () => {
          loadFake(service, (message) => logger.warn(message)).then(
            (next) => {
              server.swap(next);
              logger.info(`${service.name}: reloaded from ${basename(service.spec)}`);
            },
            (error: unknown) => logger.error(`${service.name}: kept the previous fake: ${errorMessage(error)}`),
          );
        };
        // The folder, not the file: an atomic write replaces the file, and a watch on it would go stale.
        watchers.push(watch(dirname(service.spec), (_event, name) => {
          if (name !== basename(service.spec)) return;
          clearTimeout(timer);
          timer = setTimeout(reload, SETTLE_MS);
        }));
      }
    }
  } catch (error) {
    unregister();
    await stop();
    await session.close();
    throw error;
  }
  logger.info(`serving ${servers.length} fake${servers.length === 1 ? "" : "s"}${options.watch ? ", reloading when a committed spec changes" : ""}; Ctrl-C to stop`);
  return new Promise<number>(() => {});
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port: expected a port number (1-65535), got ${JSON.stringify(text)}`, "leave it out for free ports");
  return port;
}
