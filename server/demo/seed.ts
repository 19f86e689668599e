import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { DomainEventBus } from '../events.ts';
import { findTemplate } from '../../shared/project-templates.ts';
import { createOrgInput, createProjectInput, studentProfileInput } from '../../shared/schemas/marketplace.ts';
import {
  DEMO_COHORT,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_PROFILES,
  DEMO_PROGRAMME,
  DEMO_WORKSPACE,
} from './programme.ts';
import {
  createDemoProgramme,
  joinDemoProgramme,
  seedDemoCohort,
  seedDemoModeration,
  seedDemoPlacements,
} from './programme-seed.ts';
import { registerOrganisation } from '../services/marketplace/organisations.ts';
import { changeProjectStatus, createProject } from '../services/marketplace/projects.ts';
import { saveStudentProfile } from '../services/marketplace/profiles.ts';
import { acceptApplication, applyToProject } from '../services/marketplace/applications.ts';
import { addMembership } from '../services/workspace/member-invitations.ts';
import { postMessage } from '../services/workspace/chat.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Fills an empty database with the demo programme through the same services the API uses, in one
 * transaction: either the whole programme is there or none of it.
 */
export async function seedDemoProgramme(
  db: Db,
  config: { publicOrigin?: string; port?: number; issuerImage?: string },
) {
  // The completed placements' credentials name this origin, as the running server will serve it.
  const origin = config.publicOrigin ?? `http://localhost:${config.port ?? 3000}`;
  const credentials = { origin, profile: { name: 'Stint', url: origin, image: config.issuerImage } };
  const everyone = [
    ...DEMO_PEOPLE,
    { ...DEMO_PROGRAMME.staff, role: 'mentor' as const },
    ...DEMO_COHORT.map((student) => ({ name: student.name, email: student.email, role: 'student' as const })),
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Nobody is connected while seeding; notifications are stored but have no one to reach live.
  const events = new DomainEventBus();
  await db.transaction(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) {
      throw new Error(
        'The database already has accounts; the demo programme is only seeded into an empty one.',
      );
    }
    const people = await tx
      .insert(users)
      .values(
        everyone.map((person) => ({
          email: person.email,
          name: person.name,
          role: person.role,
          passwordHash,
          // Demo addresses cannot receive mail; they count as confirmed so nobody sees the banner.
          emailConfirmedAt: new Date(),
        })),
      )
      .returning();
    const idOf = (email: string) => people.find((person) => person.email === email)!.id;
    const personOf = (email: string) => people.find((person) => person.email === email)!;
    const demo = await createDemoProgramme(
      tx,
      events,
      personOf('admin@stint.example'),
      personOf(DEMO_PROGRAMME.staff.email),
    );
    const orgs: { id: string; name: string }[] = [];
    const placed = new Map<string, { id: string; supervisor: (typeof people)[number] }>();

    const projectIds = new Map<string, string>();
    for (const { supervisor, projects, ...org } of DEMO_ORGANISATIONS) {
      const registered = await registerOrganisation(tx, idOf(supervisor), createOrgInput.parse(org));
      // Joining before its projects are written puts every project in the programme.
      await joinDemoProgramme(tx, demo.orgCode, personOf(supervisor), registered.id);
      orgs.push(registered);
      for (const { template: templateId, fee } of projects) {
        const template = findTemplate(templateId)!;
        const { id: _id, kind: _kind, sectors: _sectors, title, ...fields } = template;
        const input = createProjectInput.parse({
          ...fields,
          title,
          orgId: registered.id,
          fee,
          location: org.location,
          startDate: daysFromNow(14),
          applicationDeadline: daysFromNow(10),
          templateId,
        });
        const project = await createProject(tx, events, idOf(supervisor), input);
        await changeProjectStatus(tx, events, project.id, idOf(supervisor), 'publish');
        projectIds.set(templateId, project.id);
        placed.set(templateId, { id: project.id, supervisor: personOf(supervisor) });
      }
    }

    for (const [email, profile] of Object.entries(DEMO_PROFILES)) {
      await saveStudentProfile(tx, events, idOf(email), studentProfileInput.parse(profile));
    }
    const students = people.filter((person) => person.role === 'student');
    await seedDemoCohort(tx, events, demo, students);

    const projectId = projectIds.get(DEMO_WORKSPACE.projectTemplate)!;
    const [intern] = await tx.select().from(users).where(eq(users.email, DEMO_WORKSPACE.intern));
    const application = await applyToProject(tx, events, intern!, projectId, {
      note: DEMO_WORKSPACE.note,
      answers: [],
    });
    const supervisorId = idOf(DEMO_ORGANISATIONS[0].supervisor);
    const { workspaceId } = await acceptApplication(tx, events, application.id, supervisorId);
    // The demo's people agreed to be in its workspace: no invitation to answer.
    await addMembership(tx, workspaceId, idOf(DEMO_WORKSPACE.mentor), 'mentor');
    for (const [index, line] of DEMO_WORKSPACE.chat.entries()) {
      await postMessage(tx, {
        workspaceId,
        authorId: idOf(line.from),
        body: line.body,
        clientId: `demo-${index}`,
      });
    }
    await seedDemoPlacements(tx, events, demo, people, placed, credentials);
    await seedDemoModeration(
      tx,
      demo,
      orgs,
      personOf('marcus@student.example'),
      projectIds.get('data-dashboard')!,
    );
  });
  return {
    logins: [...DEMO_PEOPLE, { ...DEMO_PROGRAMME.staff, role: 'staff' }].map((person) => ({
      role: person.role,
      name: person.name,
      email: person.email,
      password: DEMO_PASSWORD,
    })),
  };
}

export function formatDemoLogins(
  logins: { role: string; name: string; email: string; password: string }[],
): string {
  const lines = logins.map(
    (login) =>
      `  ${login.role.padEnd(11)} ${login.name.padEnd(16)} ${login.email.padEnd(34)} ${login.password}`,
  );
  return `\nDemo logins (role, name, email, password):\n${lines.join('\n')}\n\n`;
}
