import type { Programme, ProgrammeFigures } from '$shared/schemas/programmes.ts';
import { apiFetch } from '$lib/api.ts';
import { required, signedInUser } from '$lib/marketplace/load.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const id = encodeURIComponent(params.id);
  const programme = required(await apiFetch<Programme>(`/api/programmes/${id}`, { fetch }), url);
  // The filter form sends empty fields too; an empty field means "no filter", not a bad date.
  const query = new URLSearchParams([...url.searchParams].filter(([, value]) => value !== ''));
  const search = query.size > 0 ? `?${query}` : '';
  const figures = await apiFetch<ProgrammeFigures>(`/api/programmes/${id}/figures${search}`, { fetch });
  // Refused filters are the visitor's to fix: the page stays, with the API's words next to the form.
  const problem = !figures.ok && figures.status === 400 ? figures.error.message : null;
  return {
    user,
    programme,
    figures: figures.ok ? figures.data : problem ? null : required(figures, url),
    problem,
    search,
    filter: {
      from: url.searchParams.get('from') ?? '',
      to: url.searchParams.get('to') ?? '',
      sector: url.searchParams.get('sector') ?? '',
    },
  };
};
