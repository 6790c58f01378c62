import { watch, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import { registerCleanup } from "../../cleanup.js";
import { UsageError, errorMessage } from "../../errors.js";
import { loadFake, type FakeFetch } from "../../fake/load.js";
import { prefixOf, routeByPrefix } from "../../fake/prefix.js";
import { serveFake, type FakeServer } from "../../fake/server.js";
import type { Logger } from "../../logger.js";
import { openSession } from "../../session.js";

export interface FakeCommandOptions {
  config?: string | undefined;
  service?: string[] | undefined;
  /** First port; each further service takes the next one (with `singlePort`, the one port). Default: free ports. */
  port?: string | undefined;
  /** Every service on one port under `/<service>/`. Default `false`: a port per service. */
  singlePort?: boolean | undefined;
  watch?: boolean | undefined;
}

/** How long a burst of writes to a spec (an editor's save, an atomic rename) settles before it is read. */
const SETTLE_MS = 100;

/**
 * `sync-types fake`: every selected service's fake over HTTP on loopback, from its committed spec,
 * with no Python: one port each, or with `--single-port` one port where `/<service>/…` reaches
 * that service. Runs until Ctrl-C or SIGTERM, which close the servers through the clean-up
 * registry. Resolves only when it fails to start.
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
  let count = 0;
  try {
    const services = session.select(options.service);
    count = services.length;
    // Read per request: --watch replaces a service's fake here without dropping its port.
    const fakes = new Map<string, FakeFetch>();
    for (const service of services) fakes.set(service.name, await loadFake(service, (message) => logger.warn(message)));
    const listen = (fetch: FakeFetch, port: number, what: string) =>
      serveFake(fetch, port).catch((error: unknown) => {
        throw new UsageError(`${what}: cannot listen on port ${port}: ${errorMessage(error)}`, "pick another --port, or leave it out for free ports");
      });
    if (options.singlePort) {
      const server = await listen(routeByPrefix(fakes), first, "fakes");
      servers.push(server);
      for (const service of services) logger.info(`${service.name}  ${server.url}${prefixOf(service.name)}`);
    } else {
      for (const [index, service] of services.entries()) {
        const server = await listen((input, init) => fakes.get(service.name)!(input, init), first === 0 ? 0 : first + index, service.name);
        servers.push(server);
        logger.info(`${service.name}  ${server.url}`);
      }
    }
    if (options.watch) {
      for (const service of services) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const reload = () => {
          loadFake(service, (message) => logger.warn(message)).then(
            (next) => {
              fakes.set(service.name, next);
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
  const where = options.singlePort ? " on one port" : "";
  logger.info(`serving ${count} fake${count === 1 ? "" : "s"}${where}${options.watch ? ", reloading when a committed spec changes" : ""}; Ctrl-C to stop`);
  return new Promise<number>(() => {});
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port: expected a port number (1-65535), got ${JSON.stringify(text)}`, "leave it out for free ports");
  return port;
}
