import { defineConfig } from 'vite';

// Built into dist/, which Quinoa copies into the Quarkus application and serves at /.
// `npm run dev` alone (without ./mvnw quarkus:dev) forwards the API and signaling to a Parley running on :8080.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Vonage SDK is loaded only by rooms on the Vonage platform, as its own chunk, and is about 3 MB (900 kB gzipped) by nature.
    chunkSizeWarningLimit: 3500,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://localhost:8080',
      '/rtc': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
