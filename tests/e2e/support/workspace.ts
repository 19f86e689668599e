import type { Browser, Page } from 'playwright-core';
import { signUp, type ApiClient } from '../../helpers/api-client.ts';
import { confirmAddress } from '../../helpers/accounts.ts';
import type { WorkspaceRole } from '../../../shared/workspace-roles.ts';
import { signInContext } from './browser.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/** Factory: a workspace started by a supervisor, with the given people added by email. */
export async function makeWorkspace(
  baseUrl: string,
  supervisor: Person,
  members: { person: Person; role: WorkspaceRole }[],
  title = 'Spring poster campaign',
): Promise<string> {
  const created = await supervisor.post('/api/workspaces', { title });
  if (created.status !== 201)
    throw new Error(`creating a workspace failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (const { person, role } of members) {
    await confirmAddress(person);
    const added = await supervisor.post(`/api/workspaces/${id}/members`, { email: person.user.email, role });
    if (added.status !== 201)
      throw new Error(`adding a ${role} failed: ${added.status} ${JSON.stringify(added.body)}`);
    const accepted = await person.post(`/api/invitations/${added.body.id}/accept`);
    if (accepted.status !== 200)
      throw new Error(`accepting as ${role} failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  }
  return id;
}

/** A signed-in browser page of its own (own context: own cookies, own IndexedDB) on the workspace. */
export async function openWorkspace(
  browser: Browser,
  baseUrl: string,
  client: ApiClient,
  workspaceId: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await signInContext(context, baseUrl, client);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/workspaces/${workspaceId}`);
  return page;
}

/** The brief's editable surface (ProseMirror), labelled by the "Brief" heading. */
export const briefEditor = (page: Page) => page.getByRole('textbox', { name: 'Brief', exact: true });

/** Waits until the page reports that the server has everything (or, read-only, that it is up to date). */
export async function waitForSaved(page: Page, text = 'All changes saved'): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}
