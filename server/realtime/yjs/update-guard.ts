import * as Y from 'yjs';
import {
  BOARD_FIELD,
  BRIEF_FIELD,
  BRIEF_NODE_NAMES,
  COLUMN_FIELDS,
  MAX_TASK_ID_LENGTH,
  TASK_FIELD_KINDS,
} from '../../../shared/doc-layout.ts';

/**
 * Checks an incoming Yjs update against the workspace document before it is stored: it must keep
 * the layout of shared/doc-layout.ts (only `brief` and `board` at the top; the brief holds only
 * the schema's nodes; the board holds `columns` of {id, title} maps and `tasks` of typed cards; no
 * sub-documents or binary content), and everything it builds on must already be known — the
 * server's document, or this connection's updates still on their way to storage. An update whose
 * dependencies are missing would sit in the document as pending structs forever, stored and sent
 * to every newcomer without ever showing. Refused updates are neither stored nor relayed.
 */

/** Why an update was refused, in words the client's log shows. */
export class UpdateRefused extends Error {}

/** Deepest nesting of the document a new item may sit at (lists in lists in tables …). */
const MAX_DEPTH = 100;

type Content = Y.Item['content'];

type Role =
  'brief' | 'board' | 'columns' | 'column' | 'tasks' | 'task' | 'element' | 'text' | 'dead' | 'foreign';
interface Place {
  role: Role;
  key: string | null;
}
const DEAD: Place = { role: 'dead', key: null };

/** The structs of one decoded update, by client, in clock order. */
export interface DecodedUpdate {
  readonly structs: Map<number, (Y.Item | Y.GC)[]>;
  /** Per client, the clock just after its last struct. */
  readonly ends: Map<number, number>;
}

function indexStructs(structs: (Y.Item | Y.GC | Y.Skip)[]): DecodedUpdate {
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  const ends = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    let list = byClient.get(client);
    if (!list) byClient.set(client, (list = []));
    list.push(struct);
    ends.set(client, Math.max(ends.get(client) ?? 0, clock + struct.length));
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return { structs: byClient, ends };
}

function findIn(list: (Y.Item | Y.GC)[] | undefined, clock: number): Y.Item | Y.GC | undefined {
  if (!list) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = list[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}

function describe(content: Content): string {
  if (content instanceof Y.ContentType) return content.type.constructor.name.replace(/^_?Y?/, '');
  return content.constructor.name.replace(/^Content/, '').toLowerCase();
}

function singleValue(content: Content): unknown {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return undefined;
  return content.arr[0];
}

function isXmlChild(content: Content): Role | undefined {
  if (!(content instanceof Y.ContentType)) return undefined;
  if (content.type instanceof Y.XmlText) return 'text';
  if (content.type instanceof Y.XmlElement) {
    const name = content.type.nodeName;
    if (!BRIEF_NODE_NAMES.has(name)) throw new UpdateRefused(`unknown node "${name}" in the brief`);
    return 'element';
  }
  return undefined;
}

/** What `content` may be at `place`: the role of the type it creates, or 'value'. Throws if it breaks the layout. */
function contentRole({ role, key }: Place, content: Content): Role | 'value' {
  if (role === 'dead' || content instanceof Y.ContentDeleted) return 'value';
  const refuse = (what: string) =>
    new UpdateRefused(`${what} (${describe(content)}) breaks the document layout`);
  switch (role) {
    case 'brief':
    case 'element': {
      if (key !== null) {
        if (role === 'element' && content instanceof Y.ContentAny) return 'value';
        throw refuse(`an attribute "${key}" in the brief`);
      }
      const child = isXmlChild(content);
      // ProseMirror's document holds blocks; text sits inside them.
      if (!child || (role === 'brief' && child === 'text')) throw refuse('brief content');
      return child;
    }
    case 'text':
      if (
        key !== null
          ? content instanceof Y.ContentAny
          : content instanceof Y.ContentString || content instanceof Y.ContentFormat
      )
        return 'value';
      throw refuse('text content');
    case 'board':
      if (key === 'columns' && content instanceof Y.ContentType && content.type.constructor === Y.Array)
        return 'columns';
      if (key === 'tasks' && content instanceof Y.ContentType && content.type.constructor === Y.Map)
        return 'tasks';
      throw refuse(`board.${key ?? '[]'}`);
    case 'columns':
      if (key === null && content instanceof Y.ContentType && content.type.constructor === Y.Map)
        return 'column';
      throw refuse('a board column');
    case 'column':
      if (key !== null && COLUMN_FIELDS.has(key) && typeof singleValue(content) === 'string') return 'value';
      throw refuse(`column field "${key}"`);
    case 'tasks':
      if (
        key !== null &&
        key.length <= MAX_TASK_ID_LENGTH &&
        content instanceof Y.ContentType &&
        content.type.constructor === Y.Map
      )
        return 'task';
      throw refuse('a task');
    case 'task': {
      const kind = key === null ? undefined : TASK_FIELD_KINDS[key as keyof typeof TASK_FIELD_KINDS];
      const value = singleValue(content);
      const fits =
        kind === 'string'
          ? typeof value === 'string'
          : kind === 'string?'
            ? typeof value === 'string' || value === null
            : kind === 'number'
              ? typeof value === 'number' && Number.isFinite(value)
              : kind === 'boolean' && typeof value === 'boolean';
      if (fits && content instanceof Y.ContentAny) return 'value';
      throw refuse(`task field "${key}"`);
    }
    case 'foreign':
      throw refuse('content inside a part of the document that is not in its layout');
  }
}

function rootRole(name: string): Role {
  if (name === BRIEF_FIELD) return 'brief';
  if (name === BOARD_FIELD) return 'board';
  throw new UpdateRefused(`unknown top-level type "${name.slice(0, 40)}"`);
}

/**
 * What a guard remembers between checks: where items landed and what role each type has. Both are
 * facts of the document's structure that never change, and keeping them is what makes a fast typist
 * cheap: each keystroke's item hangs off the previous one, still in flight, whose place is known —
 * without the memo every check walked the whole run of in-flight keystrokes again.
 */
interface Memo {
  places: WeakMap<Y.Item, Place>;
  typeRoles: WeakMap<Y.AbstractType<unknown>, Role>;
}

/** Resolves where the structs of one update land, against the document and the updates in flight. */
class Resolution {
  private readonly places: WeakMap<Y.Item, Place>;
  private readonly typeRoles: WeakMap<Y.AbstractType<unknown>, Role>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly updates: DecodedUpdate[],
    memo: Memo,
  ) {
    this.places = memo.places;
    this.typeRoles = memo.typeRoles;
  }

  /** The clock up to which a client's changes are known, leaving out `except`. */
  known(client: number, except?: DecodedUpdate): number {
    let end = Y.getState(this.doc.store, client);
    for (const update of this.updates)
      if (update !== except) end = Math.max(end, update.ends.get(client) ?? 0);
    return end;
  }

  lookup(id: Y.ID): Y.Item | Y.GC {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client)!;
      return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
    }
    // Newest first: an edit usually builds on the one just before it.
    for (let index = this.updates.length - 1; index >= 0; index--) {
      const found = findIn(this.updates[index]!.structs.get(id.client), id.clock);
      if (found) return found;
    }
    throw new UpdateRefused(`it depends on changes the server never received (${id.client}:${id.clock})`);
  }

  /** The role of an existing type of the document; parts that do not fit the layout are 'foreign'. */
  typeRole(type: Y.AbstractType<unknown>): Role {
    const cached = this.typeRoles.get(type);
    if (cached) return cached;
    let role: Role;
    const item = type._item;
    if (item === null) {
      const name = Y.findRootTypeKey(type);
      role = name === BRIEF_FIELD ? 'brief' : name === BOARD_FIELD ? 'board' : 'foreign';
    } else {
      try {
        const found = contentRole(this.place(item, 0), item.content);
        role = found === 'value' ? 'foreign' : found;
      } catch (error) {
        if (!(error instanceof UpdateRefused)) throw error;
        role = 'foreign';
      }
    }
    this.typeRoles.set(type, role);
    return role;
  }

  /** Where an item sits: its parent's role and its key there. Follows origins iteratively (long typing runs chain them). */
  place(start: Y.Item, depth: number): Place {
    if (depth > MAX_DEPTH) throw new UpdateRefused('the document nests too deep');
    const chain = new Set<Y.Item>();
    let item = start;
    let place: Place;
    for (;;) {
      const memo = this.places.get(item);
      if (memo) {
        place = memo;
        break;
      }
      if (chain.has(item)) throw new UpdateRefused('its items refer to each other in a circle');
      chain.add(item);
      const parent = item.parent as unknown;
      if (parent instanceof Y.AbstractType) {
        place = { role: this.typeRole(parent), key: item.parentSub };
        break;
      }
      if (parent === null && item.origin === null && item.rightOrigin === null) {
        place = DEAD; // an integrated item whose parent was collected
        break;
      }
      if (typeof parent === 'string') {
        place = { role: rootRole(parent), key: item.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        const container = this.lookup(parent);
        if (!(container instanceof Y.Item) || !(container.content instanceof Y.ContentType)) {
          place = DEAD;
          break;
        }
        const role = contentRole(this.place(container, depth + 1), container.content);
        place = { role: role === 'value' ? 'dead' : role, key: item.parentSub };
        break;
      }
      const left = item.origin ? this.lookup(item.origin) : null;
      const right = item.rightOrigin ? this.lookup(item.rightOrigin) : null;
      if (left instanceof Y.GC || right instanceof Y.GC) {
        place = DEAD; // Yjs turns such an item into garbage when it integrates
        break;
      }
      item = (left ?? right) as Y.Item;
    }
    for (const item of chain) this.places.set(item, place);
    return place;
  }
}

/** The items the layout needs to stay: deleting them would leave a board without columns or tasks. */
function protectedIds(doc: Y.Doc): Y.ID[] {
  const board = doc.share.get(BOARD_FIELD);
  if (!board) return [];
  return ['columns', 'tasks'].flatMap((key) => {
    const item = board._map.get(key);
    return item && !item.deleted ? [item.id] : [];
  });
}

/**
 * One connection's guard. `check` decodes an update (throwing on malformed bytes), refuses with
 * UpdateRefused what breaks the layout or builds on unknown changes, and answers whether it is
 * empty; `track` keeps an accepted update visible to later checks until it is stored and applied.
 */
export class UpdateGuard {
  private readonly inFlight = new Set<DecodedUpdate>();
  private readonly memo: Memo = { places: new WeakMap(), typeRoles: new WeakMap() };

  constructor(private readonly doc: Y.Doc) {}

  check(update: Uint8Array): { empty: boolean; decoded: DecodedUpdate } {
    const { structs, ds } = Y.decodeUpdate(update);
    const decoded = indexStructs(structs);
    if (structs.length === 0 && ds.clients.size === 0) return { empty: true, decoded };
    const resolution = new Resolution(this.doc, [...this.inFlight, decoded], this.memo);
    for (const [client, list] of decoded.structs) {
      const docState = Y.getState(this.doc.store, client);
      let expected = resolution.known(client, decoded);
      for (const struct of list) {
        if (struct.id.clock > expected)
          throw new UpdateRefused(`it depends on changes the server never received (${client}:${expected})`);
        expected = Math.max(expected, struct.id.clock + struct.length);
        // Structs the server already has are skipped by Yjs, so they are not checked again.
        if (struct instanceof Y.GC || struct.id.clock + struct.length <= docState) continue;
        contentRole(resolution.place(struct, 0), struct.content);
      }
    }
    const kept = protectedIds(this.doc);
    for (const [client, deletions] of ds.clients) {
      const known = resolution.known(client);
      for (const { clock, len } of deletions) {
        if (clock + len > known)
          throw new UpdateRefused(`it deletes changes the server never received (${client}:${clock})`);
        for (const id of kept) {
          if (id.client === client && id.clock >= clock && id.clock < clock + len)
            throw new UpdateRefused('it deletes the board’s columns or tasks');
        }
      }
    }
    return { empty: false, decoded };
  }

  track(decoded: DecodedUpdate, stored: Promise<void>): void {
    this.inFlight.add(decoded);
    const done = () => this.inFlight.delete(decoded);
    stored.then(done, done);
  }
}
