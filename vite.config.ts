/**
 * Builds the dashboard (src/web) into dist/web, which `orebook serve` mounts at `/`. Everything
 * the page needs is bundled: no fonts, tiles or scripts from the internet, and no inline
 * script, so the API's same-origin Content-Security-Policy holds.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    // The map's Natural Earth TopoJSON and Cytoscape are large; they load with their pages.
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/api": "http://127.0.0.1:4173", "/openapi.json": "http://127.0.0.1:4173" } },
});
