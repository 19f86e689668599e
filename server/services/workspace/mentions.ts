import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users, workspaceMembers, workspaces } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { findMentions } from '../../../shared/mentions.ts';
import { createNotifications } from '../accounts/notifications.ts';

/**
 * Tells each member of the workspace who is @mentioned in `body` (by their name, as the
 * autocomplete writes it). Only members can be mentioned: "@Someone" who is not one stays text
 * and nobody is told. The author is never told about mentioning themselves.
 */
export async function notifyMentions(
  db: Db,
  events: DomainEventBus,
  input: { workspaceId: string; authorId: string; body: string; where: 'chat' | 'comment' },
): Promise<string[]> {
  if (!input.body.includes('@')) return [];
  const members = await db
    .select({ id: users.id, name: users.name })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, input.workspaceId));
  const mentioned = findMentions(input.body, members).filter((member) => member.id !== input.authorId);
  if (mentioned.length === 0) return [];
  const author = members.find((member) => member.id === input.authorId)?.name ?? 'Someone';
  const [workspace] = await db
    .select({ title: workspaces.title })
    .from(workspaces)
    .where(eq(workspaces.id, input.workspaceId));
  const push = await createNotifications(
    db,
    events,
    mentioned.map((member) => ({
      userId: member.id,
      kind: 'mentioned' as const,
      title: `${author} mentioned you ${input.where === 'chat' ? 'in the chat' : 'in a comment'} of ${workspace?.title ?? 'a workspace'}`,
      body: input.body.length > 200 ? `${input.body.slice(0, 199)}…` : input.body,
      link: `/workspaces/${input.workspaceId}`,
    })),
  );
  push();
  return mentioned.map((member) => member.id);
}
