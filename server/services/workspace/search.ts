import { and, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../db/client.ts';
import { briefComments, chatMessages, users } from '../../db/schema.ts';
import { queryRows } from '../../db/sql-rows.ts';
import { getBrief } from '../../../shared/doc-layout.ts';
import { anchorInText } from '../../../shared/comment-anchors.ts';
import {
  SEARCH_RESULTS_PER_KIND,
  type SearchResult,
  type SnippetPart,
  type WorkspaceSearchResponse,
} from '../../../shared/schemas/search.ts';
import { loadDocument } from '../live/doc-store.ts';

/**
 * Search in one workspace. Chat and comments use PostgreSQL full-text search over GIN expression
 * indexes (`to_tsvector('english', body)`, declared in the schema; the expression here must stay
 * the same or the planner ignores the index). The brief is not a table: its text is read from the
 * stored document (snapshot + update log, what every process agrees on because updates are stored
 * before they are relayed) and matched by the same `to_tsvector` in one query over its paragraphs,
 * so stemming ("plans" finds "plan") is the same everywhere.
 */

/**
 * ts_headline marks matches with these private-use characters, which are removed from the text
 * first, so a snippet is split into parts without any HTML ever being produced or parsed. Its
 * parser also drops what looks like markup (`<script>`, `&amp;`), so `<`, `>` and `&` travel
 * through it as stand-ins and are put back: the snippet is what was written.
 */
const MATCH_START = '\uE000';
const MATCH_END = '\uE001';
const MARKUP = '<>&';
const STAND_INS = '\uE002\uE003\uE004';
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12`;

const tsQuery = (q: string): SQL => sql`websearch_to_tsquery('english', ${q})`;
const matches = (column: SQL | AnyColumn, q: string): SQL =>
  sql`to_tsvector('english', ${column}) @@ ${tsQuery(q)}`;
const headline = (column: SQL | AnyColumn, q: string): SQL<string> =>
  sql<string>`ts_headline('english', translate(${column}, ${MARKUP + MATCH_START + MATCH_END}, ${STAND_INS}), ${tsQuery(q)}, ${HEADLINE_OPTIONS})`;

const restoreMarkup = (text: string): string =>
  text.replace(/[\uE002-\uE004]/g, (char) => MARKUP[STAND_INS.indexOf(char)]!);

/** Splits ts_headline's output into text parts; only text after a start marker is a match. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const plain = (text: string) =>
    parts.push({ text: restoreMarkup(text.replaceAll(MATCH_END, '')), match: false });
  const [before = '', ...pieces] = marked.split(MATCH_START);
  plain(before);
  for (const piece of pieces) {
    const end = piece.indexOf(MATCH_END);
    if (end < 0) {
      plain(piece);
      continue;
    }
    parts.push({ text: restoreMarkup(piece.slice(0, end)), match: true });
    plain(piece.slice(end + 1));
  }
  return parts.filter((part) => part.text.length > 0);
}

/** A list of texts as a SQL array literal of parameters. */
const textArray = (texts: string[]): SQL =>
  sql`array[${sql.join(
    texts.map((text) => sql`${text}`),
    sql`, `,
  )}]::text[]`;

/**
 * Snippets for the texts that matched, in one query. Run after the match and the limit, so
 * ts_headline (which re-parses the whole text) costs at most one page of results, however many
 * rows match.
 */
async function snippetsOf(db: Db, texts: string[], q: string): Promise<SnippetPart[][]> {
  if (texts.length === 0) return [];
  const rows = await queryRows<{ ord: number; snippet: string }>(
    db,
    sql`select hit.ord::int as ord, ${headline(sql`hit.body`, q)} as snippet
        from unnest(${textArray(texts)}) with ordinality as hit(body, ord)`,
  );
  const byOrd = new Map(rows.map((row) => [Number(row.ord), snippetParts(row.snippet)]));
  return texts.map((text, index) => byOrd.get(index + 1) ?? [{ text, match: false }]);
}

async function searchChat(db: Db, workspaceId: string, q: string): Promise<SearchResult[]> {
  const rows = await db
    .select({
      id: chatMessages.id,
      seq: chatMessages.seq,
      createdAt: chatMessages.createdAt,
      author: users.name,
      body: chatMessages.body,
    })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.authorId))
    .where(and(eq(chatMessages.workspaceId, workspaceId), matches(chatMessages.body, q)))
    .orderBy(desc(chatMessages.seq))
    .limit(SEARCH_RESULTS_PER_KIND + 1);
  const snippets = await snippetsOf(
    db,
    rows.map((row) => row.body),
    q,
  );
  return rows.map((row, index) => ({
    kind: 'chat',
    id: `chat:${row.id}`,
    snippet: snippets[index]!,
    target: { kind: 'chat', messageId: row.id, seq: row.seq },
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  }));
}

async function searchComments(db: Db, workspaceId: string, q: string): Promise<SearchResult[]> {
  const rows = await db
    .select({
      id: briefComments.id,
      threadId: briefComments.threadId,
      createdAt: briefComments.createdAt,
      author: users.name,
      body: briefComments.body,
    })
    .from(briefComments)
    .leftJoin(users, eq(users.id, briefComments.authorId))
    .where(and(eq(briefComments.workspaceId, workspaceId), matches(briefComments.body, q)))
    .orderBy(desc(briefComments.createdAt), desc(briefComments.id))
    .limit(SEARCH_RESULTS_PER_KIND + 1);
  const snippets = await snippetsOf(
    db,
    rows.map((row) => row.body),
    q,
  );
  return rows.map((row, index) => ({
    kind: 'comment',
    id: `comment:${row.id}`,
    snippet: snippets[index]!,
    // A reply opens its thread; the thread's first comment is the thread.
    target: { kind: 'comment', threadId: row.threadId ?? row.id, commentId: row.id },
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Every run of text in the brief, in document order (a paragraph, a heading, a cell…). */
function briefTexts(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) found.push(node);
    else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) node.toArray().forEach(walk);
  };
  walk(getBrief(doc));
  return found;
}

/** Plain text of a run, one character per Yjs index (an embed, which briefs do not have, is a space). */
const plainText = (text: Y.XmlText): string =>
  text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ' '))
    .join('');

async function searchBrief(db: Db, workspaceId: string, q: string): Promise<SearchResult[]> {
  const { doc } = await loadDocument(db, workspaceId);
  try {
    const runs = briefTexts(doc)
      .map((node) => ({ node, text: plainText(node) }))
      .filter((run) => run.text.trim().length > 0);
    if (runs.length === 0) return [];
    const rows = await queryRows<{ ord: number }>(
      db,
      sql`select brief.ord::int as ord
          from unnest(${textArray(runs.map((run) => run.text))}) with ordinality as brief(body, ord)
          where ${matches(sql`brief.body`, q)}
          order by brief.ord
          limit ${SEARCH_RESULTS_PER_KIND + 1}`,
    );
    const hits = rows.map((row) => ({ ord: Number(row.ord), run: runs[Number(row.ord) - 1]! }));
    const snippets = await snippetsOf(
      db,
      hits.map((hit) => hit.run.text),
      q,
    );
    return hits.map(({ ord, run }, hitIndex) => {
      const snippet = snippets[hitIndex]!;
      const word = snippet.find((part) => part.match)?.text ?? '';
      const found = word ? run.text.toLowerCase().indexOf(word.toLowerCase()) : -1;
      const index = found >= 0 ? found : 0;
      const length = found >= 0 ? word.length : Math.min(run.text.length, 1);
      return {
        kind: 'brief',
        id: `brief:${ord}`,
        snippet,
        target: {
          kind: 'brief',
          anchor: anchorInText(run.node, index, length),
          text: run.text.slice(index, index + length),
        },
        author: null,
        createdAt: null,
      } satisfies SearchResult;
    });
  } finally {
    doc.destroy();
  }
}

/** The brief in document order, then chat and comments newest first; each kind capped. */
export async function searchWorkspace(
  db: Db,
  workspaceId: string,
  q: string,
): Promise<WorkspaceSearchResponse> {
  const [brief, chat, comment] = await Promise.all([
    searchBrief(db, workspaceId, q),
    searchChat(db, workspaceId, q),
    searchComments(db, workspaceId, q),
  ]);
  const cap = (results: SearchResult[]) => results.slice(0, SEARCH_RESULTS_PER_KIND);
  return {
    items: [...cap(brief), ...cap(chat), ...cap(comment)],
    next: null,
    truncated: {
      brief: brief.length > SEARCH_RESULTS_PER_KIND,
      chat: chat.length > SEARCH_RESULTS_PER_KIND,
      comment: comment.length > SEARCH_RESULTS_PER_KIND,
    },
  };
}
