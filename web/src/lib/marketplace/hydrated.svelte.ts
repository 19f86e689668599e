import { onMount } from 'svelte';

/**
 * Whether this component is running in the browser yet. Buttons that only work through script stay
 * disabled until then, so a click on the server-rendered page is never silently lost.
 */
export function hydration(): { readonly done: boolean } {
  let done = $state(false);
  onMount(() => {
    done = true;
  });
  return {
    get done() {
      return done;
    },
  };
}
