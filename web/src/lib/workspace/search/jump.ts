import type { Editor } from '@tiptap/core';
import type { ChatConnection } from '../chat-connection.svelte.ts';
import { bindingOf, rangeOfAnchor } from '../comments/brief-anchors.ts';

/**
 * Going to a search result's place: the brief's text (by its anchor, or by its words when edits
 * since the search moved it away), a chat message (loading older history until it is there), a
 * comment thread (its card in the comments beside the brief).
 */

/** The first place the words are in the editor's text, searching text node by text node. */
function rangeOfWords(editor: Editor, words: string) {
  let found: { from: number; to: number } | null = null;
  const wanted = words.toLowerCase();
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isText || !node.text) return !found;
    const index = node.text.toLowerCase().indexOf(wanted);
    if (index >= 0) found = { from: pos + index, to: pos + index + words.length };
    return false;
  });
  return found;
}

/** Selects the text and scrolls the editor to it; false when the text is not there any more. */
export function showInBrief(editor: Editor, anchor: { start: string; end: string }, words: string): boolean {
  const binding = bindingOf(editor.state);
  const fromAnchor = binding ? rangeOfAnchor(binding, anchor) : null;
  const range = fromAnchor ?? (words ? rangeOfWords(editor, words) : null);
  if (!range) return false;
  editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  return true;
}

const settled = async (chat: ChatConnection) => {
  while (chat.loadingEarlier) await new Promise((resolve) => setTimeout(resolve, 50));
};

/**
 * Loads older chat history until the message is in it (at most `maxPages` pages, so a search
 * hit far back costs a bounded wait). Answers whether it is now loaded.
 */
export async function loadMessage(chat: ChatConnection, messageId: string, seq: number, maxPages = 20) {
  for (let page = 0; page < maxPages; page += 1) {
    if (chat.messages.some((message) => message.id === messageId)) return true;
    const oldest = chat.messages[0];
    if (!chat.hasMore || !oldest || oldest.seq <= seq) return false;
    chat.loadEarlier();
    await settled(chat);
  }
  return chat.messages.some((message) => message.id === messageId);
}

/**
 * The message's row in the chat log. Rows are in `chat.messages` order (Chat.svelte renders them
 * first, the unconfirmed ones after), so its position there is its row.
 */
export function messageRow(chat: ChatConnection, messageId: string): HTMLElement | null {
  const index = chat.messages.findIndex((message) => message.id === messageId);
  if (index < 0) return null;
  const rows = document.querySelectorAll<HTMLElement>('[role="log"][aria-label="Chat messages"] ol > li');
  return rows[index] ?? null;
}

/** Marks one element as the search hit (styled by WorkspaceSearch), unmarking the last one. */
export function markHit(element: HTMLElement): void {
  for (const old of document.querySelectorAll('[data-search-hit]')) old.removeAttribute('data-search-hit');
  element.setAttribute('data-search-hit', '');
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

/** Brings a thread's card up beside the brief: its "show" button selects its text too. */
export function showThread(threadId: string): boolean {
  const card = document.querySelector<HTMLElement>(
    `article.thread[data-thread-id="${CSS.escape(threadId)}"]`,
  );
  if (!card) return false;
  card.querySelector<HTMLButtonElement>('.thread__show')?.click();
  markHit(card);
  return true;
}
