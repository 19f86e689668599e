import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: { $shared: '../shared' },
    // Express in front checks Origin on every mutating request; SvelteKit's own check would
    // refuse same-host requests behind a proxy that rewrites the host.
    csrf: { trustedOrigins: ['*'] },
    // A strict policy: scripts only from us, each inline one carrying this response's nonce (or a
    // hash on prerendered pages). Styles allow inline attributes: Svelte transitions, Observable
    // Plot's SVG and ProseMirror set `style` on elements.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self', 'data:'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
