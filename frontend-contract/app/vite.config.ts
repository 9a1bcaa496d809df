/**
 * Vite: Preact, the service worker (vite-plugin-pwa, injectManifest with src/sw.ts), and in
 * development (`make web`) a proxy of Helix's routes to the Django server on 127.0.0.1:8000.
 */
import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";
import { VitePWA } from "vite-plugin-pwa";

const helix = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      injectRegister: false,
      manifestFilename: "manifest.webmanifest",
      includeAssets: ["icon.svg", "icon-192.png", "icon-512.png"],
      injectManifest: { globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"] },
      manifest: {
        name: "Helix",
        short_name: "Helix",
        description: "Your way to work in Flanders: roadmap, sector paths, study, mentoring.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b4f6c",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
    }),
  ],
  resolve: { preserveSymlinks: true },
  build: { outDir: "dist", sourcemap: false, target: "es2020" },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      "/api": helix,
      "/_allauth": helix,
      "/media": helix,
      "/documents": helix,
    },
  },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], environment: "node" },
});
