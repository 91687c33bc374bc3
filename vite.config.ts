import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_TARGET } from './src/data/browsers.ts';

/**
 * Cross-origin isolation (crossOriginIsolated === true, as the foundation asks and an e2e test checks): the
 * finest performance.now() for the epoch times shown, and SharedArrayBuffer open to a later design (the app
 * shares no memory between threads today: see "No transfers" in docs/ARCHITECTURE.md).
 */
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

/**
 * The same policy as response headers, where a server can send them: a meta tag cannot say
 * `frame-ancestors` (any site could frame the app) and does not reach the workers, which take
 * their policy from their own responses (a security review). `vite preview` sends these, and the
 * build writes them to dist/_headers, the file static hosts such as Netlify and Cloudflare Pages
 * read; another host needs the same lines in its own configuration.
 */
export const SECURITY_HEADERS = {
  ...isolation,
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
};

function contentSecurityPolicy(): Plugin {
  return {
    name: 'backprop-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
    generateBundle() {
      const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

/**
 * The MNIST files in public/data are gzip already (.gzip, an extension no MIME table knows, so
 * they are served with an empty Content-Type). `vite preview` compresses any response whose type
 * is empty, so it gzipped each 9.6 MB file again on every load: CPU spent for nothing, and the
 * response lost its Content-Length, so the loading bar could only say "3.3 MB so far", never
 * "of 11.2 MB". Its compression runs after this middleware, which takes the request's
 * Accept-Encoding away for these files. (`vite` itself, the dev server, does not compress.)
 */
function dataFilesAsTheyAre(): Plugin {
  return {
    name: 'backprop-lab-data-as-they-are',
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        if ((req.url ?? '').split('?')[0].endsWith('.gzip')) delete req.headers['accept-encoding'];
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), dataFilesAsTheyAre()],
  server: { port: 5173, headers: isolation },
  preview: { headers: SECURITY_HEADERS },
  worker: { format: 'es' },
  build: { target: BUILD_TARGET },
});
