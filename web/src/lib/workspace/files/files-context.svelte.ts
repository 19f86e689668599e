import { getContext, setContext } from 'svelte';

/**
 * What the board's cards and the comment forms need to attach files, given once by the workspace
 * page: they sit several components deep and should not each take these as props. `revision` is
 * bumped after every attach so the Files tab reloads.
 */
export class WorkspaceFiles {
  revision = $state(0);

  constructor(
    readonly workspaceId: string,
    /** The board right (`editBoard`). */
    readonly canAttachToCards: boolean,
    /** The server's `attachToComment` rule: those who comment, except viewers. */
    readonly canAttachToComments: boolean,
  ) {}

  changed(): void {
    this.revision += 1;
  }
}

const KEY = Symbol('workspace-files');

export function provideWorkspaceFiles(files: WorkspaceFiles): void {
  setContext(KEY, files);
}

/** Undefined outside a workspace page (a component shown elsewhere then offers no attaching). */
export function workspaceFiles(): WorkspaceFiles | undefined {
  return getContext<WorkspaceFiles | undefined>(KEY);
}
