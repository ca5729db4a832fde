import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Served by the gateway under /app (and by web/Dockerfile's static server).
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:8000', ws: true } } },
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
});
