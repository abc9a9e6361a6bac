import { defineConfig } from 'vite';

// Preact's JSX, relative asset paths (the app is served from any folder), one bundle per page
// load plus the proof-of-work worker.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { target: 'es2022', chunkSizeWarningLimit: 2_000 },
  worker: { format: 'es' },
});
