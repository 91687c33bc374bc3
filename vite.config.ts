import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Cross-origin isolation (crossOriginIsolated === true) for SharedArrayBuffer and precise timers. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
});
