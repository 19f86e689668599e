import type { PublicPortfolio } from '$shared/schemas/portfolio.ts';
import { apiFetch } from '$lib/api.ts';
import { required } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

/** Anyone may read a public portfolio: no login, and only what the public view carries. */
export const load: PageServerLoad = async ({ params, url, fetch }) => {
  const portfolio = required(
    await apiFetch<PublicPortfolio>(`/api/public/portfolios/${encodeURIComponent(params.handle)}`, { fetch }),
    url,
  );
  return { portfolio };
};
