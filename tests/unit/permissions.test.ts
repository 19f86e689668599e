import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import {
  allows,
  allowsAccount,
  authorize,
  authorizeJoinWithCode,
  canAnswerInvitation,
  authorizeApplication,
  authorizeEntry,
  authorizeProject,
  authorizeSharedEntry,
  authorizeModeration,
  canModerateInstance,
  canSuspendAccount,
  type ProgrammeAccess,
  authorizeCommentChange,
  RULE_NAMES,
  WORKSPACE_RULES,
  rightsOf,
  type WorkspaceRuleName,
} from '../../server/auth/permissions.ts';
import { API_ROUTES } from '../../server/http/openapi/routes.ts';
import { SOCKET_EVENT_RULES } from '../../server/realtime/socket/workspace.ts';
import type { WorkspaceRole, WorkspaceStatus } from '../../shared/workspace-roles.ts';

const S = 'supervisor';
const I = 'intern';
const M = 'mentor';
const V = 'viewer';

/** role × status × rule: who is allowed. Anything not listed is refused (deny by default). */
const TABLE: [WorkspaceRuleName, { active: WorkspaceRole[]; completed: WorkspaceRole[] }][] = [
  ['viewWorkspace', { active: [S, I, M, V], completed: [S, I, M, V] }],
  ['editBrief', { active: [S, I], completed: [] }],
  ['editBoard', { active: [S, I], completed: [] }],
  ['editDocument', { active: [S, I], completed: [] }],
  ['chat', { active: [S, I, M], completed: [] }],
  ['comment', { active: [S, I, M, V], completed: [] }],
  ['attachToComment', { active: [S, I, M], completed: [] }],
  ['changeOwnComment', { active: [S, I, M, V], completed: [] }],
  ['manageMembers', { active: [S], completed: [] }],
  ['seeInvitations', { active: [S], completed: [S] }],
  ['saveVersion', { active: [S, I], completed: [] }],
  ['restoreVersion', { active: [S, I], completed: [] }],
  ['addDeliverable', { active: [S, I], completed: [] }],
  ['deleteAnyDeliverable', { active: [S], completed: [] }],
  ['deleteOwnDeliverable', { active: [S, I], completed: [] }],
  ['manageMilestones', { active: [S], completed: [] }],
  ['reviewMilestone', { active: [S], completed: [] }],
  ['dropMilestone', { active: [S], completed: [] }],
  ['submitMilestone', { active: [I], completed: [] }],
  ['completeWorkspace', { active: [S], completed: [] }],
  ['giveFeedback', { active: [], completed: [S, I] }],
  ['reopenCompletion', { active: [S], completed: [S] }],
  ['revokeCredential', { active: [S], completed: [S] }],
  ['manageTimeLog', { active: [S], completed: [] }],
  ['logTime', { active: [I], completed: [] }],
  ['reviewTime', { active: [S], completed: [] }],
];

const ROLES: (WorkspaceRole | null)[] = [S, I, M, V, null];
const STATUSES: WorkspaceStatus[] = ['active', 'completed'];

describe('workspace rules', () => {
  for (const [rule, allowed] of TABLE) {
    for (const status of STATUSES) {
      for (const role of ROLES) {
        const expected = role !== null && allowed[status].includes(role);
        it(`${rule}: ${role ?? 'stranger'} in a ${status} workspace → ${expected ? 'allowed' : 'refused'}`, () => {
          const access = { workspaceId: 'w', status, role };
          expect(allows(rule, access)).toBe(expected);
          if (expected) expect(authorize(access, rule)).toBe(access);
          else
            expect(() => authorize(access, rule)).toThrow(
              expect.objectContaining({ status: role ? 403 : 404 }),
            );
        });
      }
    }
  }

  it('covers every workspace rule', () => {
    expect(TABLE.map(([rule]) => rule).sort()).toEqual(Object.keys(WORKSPACE_RULES).sort());
  });

  it('refuses nobody-in-particular: no access is always a 404', () => {
    expect(() => authorize(null, 'viewWorkspace')).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('says a completed workspace is why a write is refused', () => {
    expect(() => authorize({ workspaceId: 'w', status: 'completed', role: S }, 'editBrief')).toThrow(
      /completed/,
    );
  });

  it('derives the rights shown to the web from the same rules', () => {
    expect(rightsOf({ workspaceId: 'w', status: 'active', role: M })).toEqual(['view', 'chat', 'comment']);
    expect(rightsOf({ workspaceId: 'w', status: 'active', role: V })).toEqual(['view', 'comment']);
    expect(rightsOf({ workspaceId: 'w', status: 'completed', role: S })).toEqual(['view']);
  });
});

describe('changing a comment', () => {
  const notFound = () => Object.assign(new Error('gone'), { status: 404 });
  const active = (role: WorkspaceRole | null) => ({ workspaceId: 'w', status: 'active' as const, role });

  it('is its author’s alone, whatever their role', () => {
    for (const role of [S, I, M, V] as const)
      expect(authorizeCommentChange(active(role), { authorId: 'me' }, 'me', notFound as never)).toEqual(
        active(role),
      );
    expect(() => authorizeCommentChange(active(S), { authorId: 'other' }, 'me', notFound as never)).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });

  it('ends with the workspace, and a stranger learns nothing', () => {
    const completed = { workspaceId: 'w', status: 'completed' as const, role: I as WorkspaceRole };
    expect(() => authorizeCommentChange(completed, { authorId: 'me' }, 'me', notFound as never)).toThrow(
      /completed/,
    );
    expect(() => authorizeCommentChange(active(null), { authorId: 'me' }, 'me', notFound as never)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});

describe('account rules', () => {
  it.each([
    ['registerOrg', ['supervisor', 'admin']],
    ['startWorkspace', ['supervisor', 'admin']],
    ['apply', ['student']],
    ['keepProfile', ['student']],
    ['viewSkillReport', ['admin']],
    ['fileReport', ['student', 'supervisor']],
  ] as const)('%s allows only %j', (rule, roles) => {
    for (const role of ['student', 'supervisor', 'mentor', 'admin'] as const)
      expect(allowsAccount(rule, { role })).toBe((roles as readonly string[]).includes(role));
  });
});

describe('invitation rules', () => {
  const invitation = { email: 'sam@example.test' };
  it('answerInvitation: the owner of the address, once confirmed, whatever the case of the address', () => {
    expect(canAnswerInvitation(invitation, { email: 'Sam@Example.test', emailConfirmed: true })).toBe(true);
  });
  it('answerInvitation: refused before the address is confirmed', () => {
    expect(canAnswerInvitation(invitation, { email: 'sam@example.test', emailConfirmed: false })).toBe(false);
  });
  it('answerInvitation: refused to anyone else', () => {
    expect(canAnswerInvitation(invitation, { email: 'eve@example.test', emailConfirmed: true })).toBe(false);
  });
});

const missing = () => new AppError(404, 'missing', 'Not here.');
const status = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as AppError).status;
  }
};

describe('organisation, project and application rules', () => {
  const supervisor = { orgId: 'o', isSupervisor: true };
  const outsider = { orgId: 'o', isSupervisor: false };

  it.each([
    ['draft', supervisor, 200, 200],
    ['draft', outsider, 404, 404],
    ['published', supervisor, 200, 200],
    ['published', outsider, 200, 403],
    ['closed', outsider, 200, 403],
  ] as const)('a %s project, org access %j: viewProject → %i, manageOrg → %i', (state, org, view, manage) => {
    const access = { projectId: 'p', status: state, org };
    expect(status(() => authorizeProject(access, 'viewProject', missing))).toBe(view);
    expect(status(() => authorizeProject(access, 'manageOrg', missing))).toBe(manage);
  });

  it('a hidden project opens for its organisation and the staff moderating it, never a draft for staff', () => {
    const hidden = { projectId: 'p', status: 'published', moderation: 'hidden', org: outsider };
    expect(status(() => authorizeProject(hidden, 'viewProject', missing))).toBe(404);
    expect(status(() => authorizeProject({ ...hidden, org: supervisor }, 'viewProject', missing))).toBe(200);
    const staff = { ...hidden, moderatesProject: true };
    expect(status(() => authorizeProject(staff, 'viewProject', missing))).toBe(200);
    expect(status(() => authorizeProject(staff, 'manageOrg', missing))).toBe(403);
    expect(status(() => authorizeProject({ ...staff, status: 'draft' }, 'viewProject', missing))).toBe(404);
  });

  it('a project that does not exist is a 404 for every rule', () => {
    expect(status(() => authorizeProject(null, 'viewProject', missing))).toBe(404);
    expect(status(() => authorizeProject(null, 'manageOrg', missing))).toBe(404);
  });

  const application = (org: typeof supervisor) => ({ applicationId: 'a', studentId: 'student', org });
  it.each([
    ['the student who applied', 'student', outsider, 200, 200, 403],
    ['a supervisor of the organisation', 'boss', supervisor, 200, 403, 200],
    ['anyone else', 'other', outsider, 404, 404, 404],
  ] as const)('%s: view → %i, withdraw → %i, decide → %i', (_who, userId, org, view, withdraw, decide) => {
    const access = application(org);
    expect(status(() => authorizeApplication(access, userId, 'viewApplication', missing))).toBe(view);
    expect(status(() => authorizeApplication(access, userId, 'withdrawApplication', missing))).toBe(withdraw);
    expect(status(() => authorizeApplication(access, userId, 'manageOrg', missing))).toBe(decide);
  });
});

describe('portfolio entry rules', () => {
  const loaded = (visibility: string) => ({ entry: { studentId: 'owner', visibility } });

  it('manageEntry: only the owner, whatever the visibility; others and missing entries are a 404', () => {
    for (const visibility of ['private', 'unlisted', 'public']) {
      expect(status(() => authorizeEntry(loaded(visibility), 'owner', missing))).toBe(200);
      expect(status(() => authorizeEntry(loaded(visibility), 'other', missing))).toBe(404);
    }
    expect(status(() => authorizeEntry(null, 'owner', missing))).toBe(404);
  });

  it('readSharedEntry: unlisted and public entries, never private ones', () => {
    expect(status(() => authorizeSharedEntry(loaded('unlisted'), missing))).toBe(200);
    expect(status(() => authorizeSharedEntry(loaded('public'), missing))).toBe(200);
    expect(status(() => authorizeSharedEntry(loaded('private'), missing))).toBe(404);
    expect(status(() => authorizeSharedEntry(null, missing))).toBe(404);
  });
});

describe('moderation rules', () => {
  const access = (over: Partial<ProgrammeAccess>): ProgrammeAccess => ({
    programmeId: 'p',
    isAdmin: false,
    isStaff: false,
    isStaffElsewhere: false,
    ...over,
  });

  it('staff and the admin moderate; other staff get 403, strangers 404', () => {
    expect(authorizeModeration(access({ isStaff: true })).isStaff).toBe(true);
    expect(authorizeModeration(access({ isAdmin: true })).isAdmin).toBe(true);
    expect(() => authorizeModeration(access({ isStaffElsewhere: true }))).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => authorizeModeration(access({}))).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => authorizeModeration(null)).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('nobody suspends the admin; only the admin suspends staff', () => {
    const staff = access({ isStaff: true });
    const admin = access({ isAdmin: true });
    expect(canSuspendAccount(staff, { role: 'student', isStaffAnywhere: false })).toBe(true);
    expect(canSuspendAccount(staff, { role: 'supervisor', isStaffAnywhere: false })).toBe(true);
    expect(canSuspendAccount(staff, { role: 'mentor', isStaffAnywhere: true })).toBe(false);
    expect(canSuspendAccount(admin, { role: 'mentor', isStaffAnywhere: true })).toBe(true);
    expect(canSuspendAccount(admin, { role: 'admin', isStaffAnywhere: false })).toBe(false);
    expect(canSuspendAccount(staff, { role: 'admin', isStaffAnywhere: false })).toBe(false);
  });

  it('instance-wide moderation is the admin’s', () => {
    for (const role of ['student', 'supervisor', 'mentor'] as const)
      expect(canModerateInstance(role)).toBe(false);
    expect(canModerateInstance('admin')).toBe(true);
  });
});

describe('every entry point names its rule', () => {
  it('every HTTP route', () => {
    const listing = API_ROUTES.map(
      (route) => `${route.method.toUpperCase()} /api${route.path} → ${route.rule}`,
    );
    expect(listing.length).toBeGreaterThan(60);
    for (const route of API_ROUTES) expect(RULE_NAMES).toContain(route.rule);
  });

  it('every Socket.IO event', () => {
    expect(SOCKET_EVENT_RULES).toEqual({
      'workspace:join': 'viewWorkspace',
      'workspace:leave': 'signedIn',
      'chat:send': 'chat',
      'chat:history': 'viewWorkspace',
      'chat:read': 'viewWorkspace',
      'chat:typing': 'chat',
    });
    for (const rule of Object.values(SOCKET_EVENT_RULES)) expect(RULE_NAMES).toContain(rule);
  });
});

describe('joining a programme with an invite code', () => {
  const supervisor = { orgId: 'o', isSupervisor: true };
  const outsider = { orgId: 'o', isSupervisor: false };
  const outcome = (run: () => void) => {
    try {
      run();
      return 200;
    } catch (error) {
      return (error as AppError).status;
    }
  };

  it.each([
    ['student', 'student', undefined, 200],
    ['supervisor', 'student', undefined, 403],
    ['student', 'organisation', undefined, 403],
    ['mentor', 'organisation', undefined, 403],
    ['supervisor', 'organisation', supervisor, 200],
    ['supervisor', 'organisation', outsider, 404],
    ['supervisor', 'organisation', null, 404],
  ] as const)('a %s with a %s code, org standing %j → %i', (role, audience, org, status) => {
    expect(outcome(() => authorizeJoinWithCode(role, audience, org))).toBe(status);
  });
});
