import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Module workers keep lazy chunks lazy and let workers import ES modules.
  worker: { format: 'es' },
  build: { target: 'es2023', sourcemap: true },
  preview: { host: 'localhost' },
  optimizeDeps: { include: ['comlink', 'idb', 'react', 'react-dom', 'framer-motion'] },
});
