/**
 * BM25 over lemmas. The corpus is the projects the index holds: a word most projects use ("social")
 * says little, a rare one ("beekeeping") says a lot. Document frequencies are kept up to date as
 * projects are added and removed, and `version` lets callers cache what they derive from them.
 * Terms are also given small integer ids, so ranking thousands of documents adds up numbers in a
 * dense array instead of looking strings up in maps.
 */

export const K1 = 1.2;
export const B = 0.75;

export interface TermDocument {
  terms: ReadonlyMap<string, number>;
  length: number;
}

/** A document's terms as ids and counts, for the dense path. */
export interface TermVector {
  ids: Int32Array;
  counts: Float64Array;
  length: number;
}

export class TermDictionary {
  private readonly ids = new Map<string, number>();

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
    }
    return id;
  }

  get size(): number {
    return this.ids.size;
  }

  vector(doc: TermDocument): TermVector {
    const ids = new Int32Array(doc.terms.size);
    const counts = new Float64Array(doc.terms.size);
    let index = 0;
    for (const [term, count] of doc.terms) {
      ids[index] = this.id(term);
      counts[index] = count;
      index += 1;
    }
    return { ids, counts, length: doc.length };
  }
}

export class TermStats {
  private readonly df = new Map<string, number>();
  private documents = 0;
  private totalLength = 0;
  /** Bumped on every change. */
  version = 0;

  add(doc: TermDocument): void {
    this.documents += 1;
    this.totalLength += doc.length;
    for (const term of doc.terms.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    this.version += 1;
  }

  remove(doc: TermDocument): void {
    this.documents -= 1;
    this.totalLength -= doc.length;
    for (const term of doc.terms.keys()) {
      const left = (this.df.get(term) ?? 1) - 1;
      if (left <= 0) this.df.delete(term);
      else this.df.set(term, left);
    }
    this.version += 1;
  }

  get size(): number {
    return this.documents;
  }

  get averageLength(): number {
    return this.documents === 0 ? 1 : Math.max(1, this.totalLength / this.documents);
  }

  /** Robertson–Spärck Jones IDF with the +1 that keeps it positive for common words. */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    const n = Math.max(this.documents, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/** A query's terms with their IDF, worked out once per corpus version. */
export interface WeightedQuery {
  terms: readonly string[];
  ids: Int32Array;
  idf: Float64Array;
  /** Half-saturation point of `relevance`: two average matching words score 0.5. */
  scale: number;
  version: number;
}

/** The query of someone who wrote nothing. */
export const EMPTY_QUERY: WeightedQuery = {
  terms: [],
  ids: new Int32Array(0),
  idf: new Float64Array(0),
  scale: 1,
  version: -1,
};

export function weighQuery(
  terms: readonly string[],
  stats: TermStats,
  ids: Int32Array = new Int32Array(terms.length),
): WeightedQuery {
  const idf = new Float64Array(terms.length);
  let sum = 0;
  terms.forEach((term, index) => {
    idf[index] = stats.idf(term);
    sum += idf[index] ?? 0;
  });
  const mean = terms.length === 0 ? 1 : sum / terms.length;
  return { terms, ids, idf, scale: 2 * mean, version: stats.version };
}

/** The saturated term frequency BM25 gives a term occurring `tf` times in a document of `length`. */
export function termWeight(tf: number, length: number, averageLength: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
}

export function bm25(query: WeightedQuery, doc: TermDocument, averageLength: number): number {
  let score = 0;
  for (let index = 0; index < query.terms.length; index += 1) {
    const tf = doc.terms.get(query.terms[index] ?? '');
    if (tf !== undefined) score += (query.idf[index] ?? 0) * termWeight(tf, doc.length, averageLength);
  }
  return score;
}

/** BM25 squashed into 0–1 relative to the query's own IDFs, so long and short goals compare. */
export function squash(raw: number, query: WeightedQuery): number {
  return query.terms.length === 0 ? 0 : raw / (raw + query.scale);
}

export function relevance(query: WeightedQuery, doc: TermDocument, averageLength: number): number {
  return squash(bm25(query, doc, averageLength), query);
}

/**
 * A reusable dense array over term ids. Ranking one query against many documents loads one side
 * into it (the query's IDFs, or the document's term weights), scores every candidate by array
 * reads, then clears what it set.
 */
export class TermScratch {
  private values = new Float64Array(1024);

  load(ids: Int32Array, weights: (index: number) => number, dictionarySize: number): Float64Array {
    if (this.values.length < dictionarySize)
      this.values = new Float64Array(Math.max(dictionarySize, this.values.length * 2));
    for (let index = 0; index < ids.length; index += 1) this.values[ids[index] ?? 0] = weights(index);
    return this.values;
  }

  clear(ids: Int32Array): void {
    for (let index = 0; index < ids.length; index += 1) this.values[ids[index] ?? 0] = 0;
  }
}
