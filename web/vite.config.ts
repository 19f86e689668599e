import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Connect, type Plugin } from 'vite';

/**
 * `npm run dev`: the API, Socket.IO and the Yjs endpoint run inside Vite's dev server, so the
 * pages in development talk to the same realtime layer as in production.
 */
function stintRealtime(): Plugin {
  return {
    name: 'stint-realtime',
    apply: 'serve',
    async configureServer(vite) {
      if (!vite.httpServer) return;
      const { tsImport } = await import('tsx/esm/api');
      // Typed by hand rather than `typeof import(...)`, so type-checking the web app does not pull in
      // the whole server.
      const { attachToDevServer } = (await tsImport('../server/dev.ts', import.meta.url)) as {
        attachToDevServer: (server: import('node:http').Server, middlewares: Connect.Server) => Promise<void>;
      };
      // Vite types its server as http or http2; Stint's dev server is plain http.
      await attachToDevServer(vite.httpServer as import('node:http').Server, vite.middlewares);
    },
  };
}

export default defineConfig({
  plugins: [stintRealtime(), sveltekit()],
  server: { fs: { allow: ['..'] } },
});
