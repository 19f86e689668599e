import { describe, expect, it } from 'vitest';
import {
  allows,
  allowsAccount,
  authorize,
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
  ['submitMilestone', { active: [I], completed: [] }],
  ['completeWorkspace', { active: [S], completed: [] }],
  ['giveFeedback', { active: [], completed: [S, I] }],
  ['reopenCompletion', { active: [S], completed: [S] }],
  ['revokeCredential', { active: [S], completed: [S] }],
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
  ] as const)('%s allows only %j', (rule, roles) => {
    for (const role of ['student', 'supervisor', 'mentor', 'admin'] as const)
      expect(allowsAccount(rule, { role })).toBe((roles as readonly string[]).includes(role));
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
