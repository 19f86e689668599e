import { z } from 'zod';
import { text } from './text.ts';

/**
 * Search in a workspace: its brief, chat and comments. The query is words as people type them
 * (PostgreSQL `websearch_to_tsquery`: `"exact phrase"`, `-not`, `or` work).
 */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Results are capped per kind, not paged: a search is refined, not scrolled through. */
export const SEARCH_RESULTS_PER_KIND = 20;

export const workspaceSearchQuery = z.strictObject({
  q: text()
    .trim()
    .min(1, 'Type something to search for.')
    .max(SEARCH_QUERY_MAX_LENGTH, `A search has at most ${SEARCH_QUERY_MAX_LENGTH} characters.`),
});

export const SEARCH_KINDS = ['brief', 'chat', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * A snippet as plain text in parts; `match` parts are the words that matched. Clients render the
 * parts as text (never as HTML), so whatever was written comes back as it was written.
 */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Where a result is: enough for the workspace page to scroll to it and show it. */
export type SearchTarget =
  | {
      kind: 'brief';
      /** Yjs relative positions (like a comment anchor) around the first matching word. */
      anchor: { start: string; end: string };
      /** The word(s) the anchor covers, for finding them again if the anchor no longer resolves. */
      text: string;
    }
  | { kind: 'chat'; messageId: string; seq: number }
  | { kind: 'comment'; threadId: string; commentId: string };

export interface SearchResult {
  kind: SearchKind;
  /** Stable within a search, for keyed lists. */
  id: string;
  snippet: SnippetPart[];
  target: SearchTarget;
  /** Who wrote it (chat and comments) and when; null for the brief. */
  author: string | null;
  createdAt: string | null;
}

export interface WorkspaceSearchResponse {
  items: SearchResult[];
  /** Always null: results are capped, `truncated` says which kinds had more. */
  next: null;
  truncated: Record<SearchKind, boolean>;
}
