import { describe, expect, it } from 'vitest';
import {
  allows,
  allowsAccount,
  authorize,
  authorizeModeration,
  canModerateInstance,
  canSuspendAccount,
  type ProgrammeAccess,
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
    expect(rightsOf({ workspaceId: 'w', status: 'active', role: M })).toEqual(['view', 'chat']);
    expect(rightsOf({ workspaceId: 'w', status: 'completed', role: S })).toEqual(['view']);
  });
});

describe('account rules', () => {
  it.each([
    ['registerOrg', ['supervisor', 'admin']],
    ['startWorkspace', ['supervisor', 'admin']],
    ['apply', ['student']],
    ['keepProfile', ['student']],
    ['fileReport', ['student', 'supervisor']],
  ] as const)('%s allows only %j', (rule, roles) => {
    for (const role of ['student', 'supervisor', 'mentor', 'admin'] as const)
      expect(allowsAccount(rule, { role })).toBe((roles as readonly string[]).includes(role));
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
