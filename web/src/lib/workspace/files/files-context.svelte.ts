import { getContext, setContext } from 'svelte';
import type { WorkspaceAttachment } from '$shared/schemas/attachments.ts';
import { attachToComment, listAttachments } from './files-api.ts';

/**
 * The workspace's attached files, loaded once and shared by the Files tab, the board's cards and
 * the comment threads (several components deep, each showing its own), and what they need to
 * attach more. Given by the workspace page through context.
 */
export class WorkspaceFiles {
  attachments = $state.raw<WorkspaceAttachment[]>([]);
  loaded = $state(false);
  /** Bumped after every attach, so lists that load on their own (deliverables) reload too. */
  revision = $state(0);
  /** A file that could not be attached to a comment just posted, by comment id. */
  problems = $state<Record<string, string>>({});

  constructor(
    readonly workspaceId: string,
    /** The board right (`editBoard`). */
    readonly canAttachToCards: boolean,
    /** The server's `attachToComment` rule: those who comment, except viewers. */
    readonly canAttachToComments: boolean,
  ) {}

  async refresh(): Promise<void> {
    const result = await listAttachments(this.workspaceId);
    if (result.ok) this.attachments = result.data.items;
    this.loaded = true;
  }

  changed(): void {
    this.revision += 1;
    void this.refresh();
  }

  ofCard(cardId: string): WorkspaceAttachment[] {
    return this.attachments.filter(
      (item) => item.attachedTo.kind === 'card' && item.attachedTo.cardId === cardId,
    );
  }

  ofComment(commentId: string): WorkspaceAttachment[] {
    return this.attachments.filter(
      (item) => item.attachedTo.kind === 'comment' && item.attachedTo.commentId === commentId,
    );
  }

  /**
   * Attaches a file to a comment that was just posted. The comment stands either way; a refusal
   * (a type the server recognises by its bytes, say) is shown under it.
   */
  async attachToPostedComment(commentId: string, file: File): Promise<void> {
    const result = await attachToComment(this.workspaceId, commentId, file);
    if (result.ok) {
      const { [commentId]: _cleared, ...rest } = this.problems;
      this.problems = rest;
      this.changed();
    } else {
      this.problems = {
        ...this.problems,
        [commentId]: `${file.name} was not attached: ${result.error.message}`,
      };
    }
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
