import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: this dev server with hot reload, proxying the API to `npm start` on :8080.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' },
  },
});
