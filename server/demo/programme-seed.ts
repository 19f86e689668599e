/**
 * The programme side of the demo: the programme, its staff, the cohort joining with invite codes,
 * access answers, placements that complete (with feedback) or end early, verified organisations
 * and an open report — written through the same services the API uses.
 */
import type { Db } from '../db/client.ts';
import type { DomainEventBus } from '../events.ts';
import type { ProgrammeAccess } from '../auth/permissions.ts';
import { createLogger } from '../logger.ts';
import { findTemplate } from '../../shared/project-templates.ts';
import { studentProfileInput } from '../../shared/schemas/marketplace.ts';
import { completeWorkspaceInput } from '../../shared/schemas/portfolio.ts';
import { DEMO_ACCESS_ANSWERS, DEMO_COHORT, DEMO_PLACEMENTS, DEMO_PROGRAMME } from './programme.ts';
import { createProgramme } from '../services/programmes/programmes.ts';
import { inviteProgrammeStaff } from '../services/programmes/programme-staff.ts';
import { createInviteCode, joinWithCode, loadInviteCode } from '../services/programmes/programme-invites.ts';
import { saveStudentProfile } from '../services/marketplace/profiles.ts';
import { saveAccessAnswers } from '../services/programmes/access-answers.ts';
import { acceptApplication, applyToProject } from '../services/marketplace/applications.ts';
import { completeWorkspace } from '../services/portfolio/completion.ts';
import { acceptMilestone, listMilestones, submitMilestone } from '../services/workspace/milestones.ts';
import { giveFeedback } from '../services/portfolio/feedback.ts';
import { recordNonCompletion } from '../services/programmes/non-completions.ts';
import { setOrgVerified } from '../services/programmes/programme-moderation.ts';
import { fileReport } from '../services/programmes/reports.ts';
import { LiveDocuments } from '../services/live/live-documents.ts';
import type { IssuerProfile } from '../services/portfolio/credentials.ts';

type Person = {
  id: string;
  name: string;
  email: string;
  role: 'student' | 'supervisor' | 'mentor' | 'admin';
};

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface DemoProgramme {
  access: ProgrammeAccess;
  orgCode: string;
  studentCode: string;
  staff: Person;
}

/** The programme, its staff member and the two invite codes the cohort joins with. */
export async function createDemoProgramme(
  db: Db,
  events: DomainEventBus,
  admin: Person,
  staff: Person,
): Promise<DemoProgramme> {
  const programme = await createProgramme(db, admin.id, {
    name: DEMO_PROGRAMME.name,
    startsOn: daysFromNow(-60),
    endsOn: daysFromNow(120),
    region: DEMO_PROGRAMME.region,
    hourlyFeeFloor: null,
  });
  const access = { programmeId: programme.id, isAdmin: true, isStaff: false, isStaffElsewhere: false };
  await inviteProgrammeStaff(db, events, access, staff.email, admin);
  const cohort = DEMO_PROGRAMME.cohort;
  const orgCode = await createInviteCode(db, access, { audience: 'organisation', cohort }, staff.id);
  const studentCode = await createInviteCode(db, access, { audience: 'student', cohort }, staff.id);
  return { access, orgCode: orgCode.code, studentCode: studentCode.code, staff };
}

export async function joinDemoProgramme(db: Db, code: string, person: Person, orgId?: string) {
  // The demo's people use the codes they were meant for: no rule to check.
  await joinWithCode(db, person.id, await loadInviteCode(db, code), orgId);
}

/** The cohort's extra students: a short profile, the student code, and everyone's access answers. */
export async function seedDemoCohort(
  db: Db,
  events: DomainEventBus,
  demo: DemoProgramme,
  students: Person[],
): Promise<void> {
  for (const entry of DEMO_COHORT) {
    const student = students.find((person) => person.email === entry.email)!;
    await saveStudentProfile(
      db,
      events,
      student.id,
      studentProfileInput.parse({
        skills: entry.skills.map((skill) => ({ skill, level: 2 })),
        hoursPerWeek: entry.hours,
        availableFrom: daysFromNow(0),
        availableWeeks: 10,
        location: 'Leeds',
      }),
    );
  }
  for (const [index, student] of students.entries()) {
    await joinDemoProgramme(db, demo.studentCode, student);
    const [firstInFamily, worksWhileStudying, caringResponsibilities, disability, careExperienced] =
      DEMO_ACCESS_ANSWERS[index % DEMO_ACCESS_ANSWERS.length]!;
    await saveAccessAnswers(db, student.id, {
      firstInFamily,
      worksWhileStudying,
      caringResponsibilities,
      disability,
      careExperienced,
      region: DEMO_PROGRAMME.region,
    });
  }
}

/**
 * Applications and placements: who applied where, who was accepted, two placements completed (with
 * feedback from both sides) and one that ended early, so every chart of the dashboard has numbers.
 */
export async function seedDemoPlacements(
  db: Db,
  events: DomainEventBus,
  demo: DemoProgramme,
  people: Person[],
  projects: Map<string, { id: string; supervisor: Person }>,
  credentials: { origin: string; profile: IssuerProfile },
): Promise<void> {
  const byPrefix = (prefix: string) => people.find((person) => person.email.startsWith(`${prefix}@`))!;
  const documents = new LiveDocuments(db, createLogger('silent'));
  for (const placement of DEMO_PLACEMENTS) {
    const project = projects.get(placement.template)!;
    const applications = new Map<string, string>();
    for (const prefix of placement.applicants) {
      const student = byPrefix(prefix);
      const application = await applyToProject(db, events, student, project.id, {
        note: `I would like to help: this fits my ${student.name.split(' ')[0]}-sized week.`,
        answers: [],
      });
      applications.set(prefix, application.id);
    }
    if (!placement.accepted) continue;
    const { intern, outcome } = placement.accepted;
    const supervisor = project.supervisor;
    const { workspaceId } = await acceptApplication(db, events, applications.get(intern)!, supervisor.id);
    if (outcome === 'withdrew') {
      await recordNonCompletion(
        db,
        demo.access,
        { workspaceId, reason: 'student_withdrew', note: 'Took on more shifts at work.' },
        demo.staff.id,
      );
      continue;
    }
    if (outcome !== 'completed') continue;
    // Completion signs off only settled work: the intern hands in each milestone and it is accepted.
    for (const milestone of await listMilestones(db, workspaceId)) {
      await submitMilestone(db, events, workspaceId, milestone.id, byPrefix(intern).id);
      await acceptMilestone(db, events, workspaceId, milestone.id, supervisor.id);
    }
    const skill = findTemplate(placement.template)!.skills[0]!;
    await completeWorkspace(
      db,
      documents,
      events,
      { workspaceId, role: 'supervisor', status: 'active' },
      supervisor.id,
      completeWorkspaceInput.parse({
        endorsement: `${byPrefix(intern).name} did careful, reliable work and explained every step to our team.`,
        skills: [{ skill: skill.skill, level: skill.level }],
      }),
      credentials,
    );
    const completed = { workspaceId, status: 'completed' as const };
    await giveFeedback(db, events, { ...completed, role: 'supervisor' }, supervisor, {
      rating: 5,
      comment: 'We would host another intern tomorrow.',
    });
    await giveFeedback(db, events, { ...completed, role: 'intern' }, byPrefix(intern), {
      rating: 4,
      comment: 'Friendly team and a real piece of work for my CV.',
    });
  }
}

/** Staff verified most organisations (students see the other as "unverified"); one report waits. */
export async function seedDemoModeration(
  db: Db,
  demo: DemoProgramme,
  orgs: { id: string; name: string }[],
  reporter: Person,
  reportedProjectId: string,
): Promise<void> {
  for (const org of orgs.filter((org) => DEMO_PROGRAMME.verified.includes(org.name))) {
    await setOrgVerified(
      db,
      demo.access,
      demo.staff,
      org.id,
      true,
      'Met the organisation and checked its registration.',
    );
  }
  await fileReport(db, reporter.id, {
    targetType: 'project',
    targetId: reportedProjectId,
    reason: 'The fee looks low for the hours it asks for.',
  });
}
