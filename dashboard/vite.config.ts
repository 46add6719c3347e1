import { defineConfig } from 'vitest/config';

// The hub serves the build from its classpath at "/", same origin as the API: relative asset URLs, no CDN,
// nothing fetched from the internet at run time.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/io/onegrid/dashboard/webroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
