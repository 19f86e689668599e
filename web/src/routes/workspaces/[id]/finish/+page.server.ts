import { error } from '@sveltejs/kit';
import type { WorkspaceDetail } from '$shared/schemas/workspaces.ts';
import { apiFetch } from '$lib/api.ts';
import { optional, required, signedInUser } from '$lib/marketplace/load.server.ts';
import { getFeedback, listDeliverables, listMilestones } from '$lib/portfolio/portfolio-api.ts';
import { projectSkillsFor } from '$lib/portfolio/project-skills.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  const user = signedInUser(locals, url);
  const detail = await apiFetch<WorkspaceDetail>(`/api/workspaces/${encodeURIComponent(params.id)}`, {
    fetch,
  });
  // Not a member and no such workspace look the same, so the page does not reveal which.
  if (!detail.ok && (detail.status === 400 || detail.status === 403 || detail.status === 404))
    error(404, 'This workspace does not exist, or you are not one of its members.');
  const workspace = required(detail, url);

  const completed = workspace.status === 'completed';
  const givesFeedback = completed && (workspace.myRole === 'intern' || workspace.myRole === 'supervisor');
  const completes = !completed && workspace.myRole === 'supervisor';
  const [milestones, deliverables, feedback, projectSkills] = await Promise.all([
    listMilestones(workspace.id, fetch),
    listDeliverables(workspace.id, fetch),
    givesFeedback ? getFeedback(workspace.id, fetch) : null,
    completes ? projectSkillsFor(workspace.id, fetch) : null,
  ]);
  return {
    user,
    workspace,
    milestones: required(milestones, url).items,
    deliverables: required(deliverables, url).items,
    feedback: feedback ? optional(feedback) : null,
    projectSkills,
  };
};
