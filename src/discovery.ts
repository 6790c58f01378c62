/**
 * The API for plugins that find services (`sync-types/discovery`): reading a pm2 ecosystem file
 * and turning one of its apps into a service entry, as `init` does.
 */
export { readPm2Apps, type Pm2App, type Pm2Apps } from "./init/pm2-apps.js";
export { toServiceConfig, type FoundService } from "./init/service-entry.js";
