import type { CommentThread } from '$shared/schemas/comments.ts';
import type { ChatConnection, CommentThreadEvent } from '../chat-connection.svelte.ts';
import { listCommentThreads } from '../workspace-api.ts';

/**
 * The workspace's comment threads: loaded once, then kept current by `comment:thread` events on
 * the page's socket (and reloaded after a reconnect, which may have missed some).
 */
export class CommentThreads {
  threads = $state<CommentThread[]>([]);
  loaded = $state(false);
  problem = $state<string | null>(null);

  readonly #stopListening: () => void;
  readonly workspaceId: string;

  constructor(workspaceId: string, chat: ChatConnection) {
    this.workspaceId = workspaceId;
    this.#stopListening = chat.onCommentThread((event) => this.apply(event));
  }

  async load(): Promise<void> {
    const result = await listCommentThreads(this.workspaceId);
    if (!result.ok) {
      this.problem = result.error.message;
      return;
    }
    this.problem = null;
    this.threads = result.data.items;
    this.loaded = true;
  }

  /** Takes a thread as the server now has it (from an answer or a live event). */
  apply(event: Pick<CommentThreadEvent, 'threadId' | 'thread'>): void {
    const others = this.threads.filter((thread) => thread.id !== event.threadId);
    this.threads = event.thread ? [...others, event.thread] : others;
  }

  stop(): void {
    this.#stopListening();
  }
}
