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
  },
};
