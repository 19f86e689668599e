import type { ListResponse } from '$shared/errors.ts';
import type { Project } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { ProjectMatch } from '$lib/marketplace/matching.ts';
import { filtersFrom, toQueryString } from '$lib/marketplace/projects/search-query.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  const filters = filtersFrom(url.searchParams);
  const query = toQueryString(filters);

  const [search, matches] = await Promise.all([
    apiFetch<ListResponse<Project>>(`/api/projects${query ? `?${query}` : ''}`, { fetch }),
    user.role === 'student'
      ? apiFetch<{ items: ProjectMatch[] }>('/api/students/me/matches?limit=4', { fetch })
      : Promise.resolve(null),
  ]);

  // A filter the API cannot use (an unknown skill) is the visitor's to fix, not an error page.
  const searchError = !search.ok && search.status === 400 ? search.error.message : null;
  const results = searchError ? { items: [], next: null } : required(search, url);
  // Recommendations are a bonus: without a matcher (404) there are none; with an unfinished
  // profile (409) the page says what would turn them on.
  const recommendationsHint = matches && !matches.ok && matches.status === 409 ? matches.error.message : null;

  return {
    user,
    filters,
    query,
    results,
    searchError,
    matches: matches ? (optional(matches)?.items ?? null) : null,
    recommendationsHint,
  };
};
