import type {
  Application,
  Organisation,
  Project,
  StudentProfile,
} from '$shared/schemas/marketplace-views.ts';
import type { WorkspaceSummary } from '$shared/schemas/workspaces.ts';
import { apiFetch, apiFetchAll, type ApiResult } from '$lib/api.ts';
import type { ProjectMatch } from '$lib/marketplace/matching.ts';

/**
 * What each dashboard card shows, fetched in the browser once the dashboard is on screen. Each
 * part fails on its own: one card saying "could not load" does not blank the others.
 */
export type Part<T> = { ok: true; data: T } | { ok: false; message: string };

function part<T, R>(result: ApiResult<T>, pick: (data: T) => R): Part<R> {
  return result.ok ? { ok: true, data: pick(result.data) } : { ok: false, message: result.error.message };
}

type List<T> = { items: T[] };
const items = <T>(list: List<T>) => list.items;

export async function loadWorkspaces(): Promise<Part<WorkspaceSummary[]>> {
  return part(await apiFetchAll<WorkspaceSummary>('/api/workspaces'), items);
}

export interface StudentParts {
  profile: Part<StudentProfile>;
  /** null when there is no matcher yet (404): the card then points at search instead. */
  matches: Part<ProjectMatch[]> | null;
  /** Why there are no matches yet, when the profile is what is missing (409 `profile_incomplete`). */
  matchesHint: string | null;
  applications: Part<Application[]>;
  workspaces: Part<WorkspaceSummary[]>;
}

export async function loadStudentDashboard(): Promise<StudentParts> {
  const [profile, matches, applications, workspaces] = await Promise.all([
    apiFetch<StudentProfile>('/api/students/me/profile'),
    apiFetch<List<ProjectMatch>>('/api/students/me/matches?limit=3'),
    apiFetchAll<Application>('/api/applications'),
    loadWorkspaces(),
  ]);
  const incomplete = !matches.ok && matches.status === 409;
  return {
    profile: part(profile, (data) => data),
    matches:
      !matches.ok && matches.status === 404
        ? null
        : incomplete
          ? { ok: true, data: [] }
          : part(matches, items),
    matchesHint: incomplete ? matches.error.message : null,
    applications: part(applications, items),
    workspaces,
  };
}

export interface ProjectWithApplicants {
  project: Project;
  applicants: number;
  waiting: number;
}

export interface SupervisorParts {
  organisations: Part<Organisation[]>;
  projects: Part<ProjectWithApplicants[]>;
  workspaces: Part<WorkspaceSummary[]>;
}

async function projectsOf(orgs: Organisation[]): Promise<Part<ProjectWithApplicants[]>> {
  const lists = await Promise.all(orgs.map((org) => apiFetchAll<Project>(`/api/orgs/${org.id}/projects`)));
  const failed = lists.find((list) => !list.ok);
  if (failed && !failed.ok) return { ok: false, message: failed.error.message };
  const projects = lists.flatMap((list) => (list.ok ? list.data.items : []));
  const counted = await Promise.all(
    projects.map(async (project): Promise<ProjectWithApplicants> => {
      if (project.status === 'draft') return { project, applicants: 0, waiting: 0 };
      const applications = await apiFetchAll<Application>(`/api/projects/${project.id}/applications`);
      const all = applications.ok ? applications.data.items : [];
      const waiting = all.filter((a) => a.status === 'submitted' || a.status === 'shortlisted').length;
      return { project, applicants: all.length, waiting };
    }),
  );
  return { ok: true, data: counted };
}

export async function loadSupervisorDashboard(): Promise<SupervisorParts> {
  const [orgs, workspaces] = await Promise.all([apiFetchAll<Organisation>('/api/orgs'), loadWorkspaces()]);
  const organisations = part(orgs, items);
  const projects = organisations.ok ? await projectsOf(organisations.data) : organisations;
  return { organisations, projects, workspaces };
}
