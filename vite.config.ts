import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_TARGET } from './src/data/browsers.ts';

/** Cross-origin isolation (crossOriginIsolated === true) for SharedArrayBuffer and precise timers. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Content Security Policy of the built app: its own files only, no eval, no third-party
 * origins. Inline style attributes are allowed (React and d3 set element styles); inline
 * scripts are not. Only in the build: the dev server injects an inline React-refresh script.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'backprop-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { port: 5173, headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: BUILD_TARGET },
});
