import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is plain web code: the same build runs in Electron and in the browser host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
