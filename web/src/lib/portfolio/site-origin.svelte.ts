import { onMount } from 'svelte';

/**
 * This site's address as the visitor's browser sees it, for links people copy or print. Empty while
 * the server renders (links stay relative then): behind a proxy the server cannot know the public
 * address, and a server-rendered href is kept as is when the page hydrates. Call during component
 * initialisation.
 */
export function siteOrigin(): { readonly current: string } {
  let origin = $state('');
  onMount(() => {
    origin = window.location.origin;
  });
  return {
    get current() {
      return origin;
    },
  };
}
