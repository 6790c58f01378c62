import { defineConfig } from "sync-types";

// Two FastAPI sidecars called by ./node-app. Every path is relative to this file.
export default defineConfig({
  services: {
    "estimation-api": {
      dir: "services/estimation-api",
      app: "app.main:app",
      spec: "contracts/estimation-api.openapi.json",
      output: "node-app/src/clients/estimation-api",
    },
    "content-api": {
      dir: "services/content-api",
      app: "app.main:app",
      spec: "contracts/content-api.openapi.json",
      output: "node-app/src/clients/content-api",
    },
  },
  typecheck: { tsconfig: "node-app/tsconfig.json" },
});
