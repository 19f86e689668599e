import type { PublicPortfolioEntry } from '$shared/schemas/portfolio.ts';
import { apiFetch } from '$lib/api.ts';
import { required } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

/** One entry shared by its link (unlisted or public); a private or unknown token is a 404. */
export const load: PageServerLoad = async ({ params, url, fetch }) => {
  const entry = required(
    await apiFetch<PublicPortfolioEntry>(`/api/public/entries/${encodeURIComponent(params.token)}`, {
      fetch,
    }),
    url,
  );
  return { entry, token: params.token };
};
