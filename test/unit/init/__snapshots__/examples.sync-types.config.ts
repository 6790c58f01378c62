import { defineConfig } from "sync-types/config";

// Written by `sync-types init`. Paths are relative to this file: `spec` is the committed
// contract, `output` the generated client folder. Edit freely; the README lists every option.
export default defineConfig({
  services: {
    // found: pm2 app "content-api" in ecosystem.config.cjs; FastAPI() in services/content-api/app/main.py
    "content-api": {
      dir: "services/content-api",
      app: "app.main:app",
      spec: "contracts/content-api.openapi.json",
      output: "src/clients/content-api",
      // where it runs when deployed; `sync-types --source url` reads it there
      url: "http://127.0.0.1:8102",
      env: {
        PYTHONHASHSEED: "0",
        PYTHONUNBUFFERED: "1",
      },
    },
    // found: pm2 app "estimation-api" in ecosystem.config.cjs; FastAPI() in services/estimation-api/app/main.py
    "estimation-api": {
      dir: "services/estimation-api",
      app: "app.main:app",
      spec: "contracts/estimation-api.openapi.json",
      output: "src/clients/estimation-api",
      // where it runs when deployed; `sync-types --source url` reads it there
      url: "http://127.0.0.1:8101",
      env: {
        PYTHONHASHSEED: "0",
        PYTHONUNBUFFERED: "1",
      },
    },
  },
});
