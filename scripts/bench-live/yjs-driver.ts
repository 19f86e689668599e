/**
 * A load driver for `npm run bench:live`, run as its own process: the real y-websocket client,
 * several editors per document, each typing at a fixed rate. Every edit carries its send time, so
 * a receiving editor measures how long the server took to relay it.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Histogram, sleep } from './measure.ts';

export type DriverCommand =
  | { type: 'connect'; url: string; cookie?: string; docs: string[]; editors: number }
  | { type: 'run'; durationMs: number; rate: number; drainMs: number }
  | { type: 'idle'; url: string; cookie?: string; docs: string[]; template?: string }
  | { type: 'disconnect' };

export interface DriverResult {
  type: 'result';
  sent: number;
  expected: number;
  deliveredInRound: number;
  delivered: number;
  reconnects: number;
  latencies: [number, number][];
}

interface Editor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  key: string;
  seq: number;
  seen: Map<string, number>;
  peers: number;
  /** The editor's own line of the brief, where it types. */
  line?: Y.XmlText;
}

/**
 * Each editor types on its own line at the end of the brief: a paragraph, as a person's edits
 * would be, because Stint refuses updates outside the workspace document's layout
 * (shared/doc-layout.ts). The line always reads `<editor>:<sent at>:<sequence>`, so a peer that
 * receives it knows whose edit it is and how long the relay took.
 */
function addLine(editor: Editor): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const line = new Y.XmlText(`${editor.key}:0:0`);
  paragraph.insert(0, [line]);
  const brief = editor.doc.getXmlFragment('brief');
  brief.insert(brief.length, [paragraph]);
  return line;
}

// Every provider listens for the process exiting; hundreds of them are expected here.
process.setMaxListeners(0);

let editors: Editor[] = [];
let running = false;
let reconnects = 0;
let delivered = 0;
let histogram = new Histogram();

function socketClass(url: string, cookie: string | undefined) {
  const origin = url.replace(/^ws/, 'http');
  return class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

function open(url: string, cookie: string | undefined, name: string, doc = new Y.Doc()) {
  return new WebsocketProvider(`${url}/yjs`, name, doc, {
    WebSocketPolyfill: socketClass(url, cookie),
    disableBc: true,
    maxBackoffTime: 1000,
  });
}

function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

async function connect(command: Extract<DriverCommand, { type: 'connect' }>) {
  for (const name of command.docs) {
    for (let n = 0; n < command.editors; n++) {
      const doc = new Y.Doc();
      const provider = open(command.url, command.cookie, name, doc);
      const editor: Editor = {
        doc,
        provider,
        key: String(doc.clientID),
        seq: 0,
        seen: new Map(),
        peers: command.editors - 1,
      };
      provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected' && running) reconnects += 1;
      });
      doc.getXmlFragment('brief').observeDeep((events, transaction) => {
        if (transaction.origin !== provider) return;
        const now = Date.now();
        for (const event of events) {
          if (!(event.target instanceof Y.XmlText)) continue;
          const [key, sentAt, seq] = event.target.toString().split(':');
          if (!key || key === editor.key || !sentAt || !seq) continue;
          const before = editor.seen.get(key) ?? 0;
          if (Number(seq) <= before) continue;
          editor.seen.set(key, Number(seq));
          delivered += Number(seq) - before;
          histogram.add(now - Number(sentAt));
        }
      });
      editors.push(editor);
    }
  }
  await Promise.all(editors.map((editor) => synced(editor.provider)));
  for (const editor of editors) if (!editor.line) editor.line = addLine(editor);
  process.send!({ type: 'connected' });
}

async function run(command: Extract<DriverCommand, { type: 'run' }>) {
  histogram = new Histogram();
  delivered = 0;
  reconnects = 0;
  const sentBefore = editors.reduce((sum, editor) => sum + editor.seq, 0);
  running = true;
  const interval = 1000 / command.rate;
  const timers = editors.map((editor) => {
    const tick = () => {
      editor.seq += 1;
      const line = editor.line!;
      editor.doc.transact(() => {
        line.delete(0, line.length);
        line.insert(0, `${editor.key}:${Date.now()}:${editor.seq}`);
      });
    };
    let timer: NodeJS.Timeout | undefined;
    const start = setTimeout(() => {
      tick();
      timer = setInterval(tick, interval);
    }, Math.random() * interval);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  });
  await sleep(command.durationMs);
  for (const stop of timers) stop();
  const sent = editors.reduce((sum, editor) => sum + editor.seq, 0) - sentBefore;
  const expected =
    (editors.reduce((sum, editor) => sum + editor.peers, 0) / Math.max(1, editors.length)) * sent;
  const deliveredInRound = delivered;
  const deadline = Date.now() + command.drainMs;
  while (delivered < expected && Date.now() < deadline) await sleep(100);
  running = false;
  const result: DriverResult = {
    type: 'result',
    sent,
    expected,
    deliveredInRound,
    delivered,
    reconnects,
    latencies: [...histogram.counts.entries()],
  };
  process.send!(result);
}

async function idle(command: Extract<DriverCommand, { type: 'idle' }>) {
  const template = command.template ? Buffer.from(command.template, 'base64') : undefined;
  const opened: WebsocketProvider[] = [];
  for (const name of command.docs) {
    const doc = new Y.Doc();
    // The reference starts empty; giving it the same content as Stint's new workspace keeps it fair.
    if (template) Y.applyUpdate(doc, template);
    const provider = open(command.url, command.cookie, name, doc);
    opened.push(provider);
    editors.push({ doc, provider, key: '', seq: 0, seen: new Map(), peers: 0 });
    // A few at a time, as people open their workspaces.
    if (opened.length % 20 === 0) await Promise.all(opened.slice(-20).map(synced));
  }
  await Promise.all(opened.map(synced));
  process.send!({ type: 'idle-open' });
}

function disconnect() {
  for (const editor of editors) {
    editor.provider.destroy();
    editor.doc.destroy();
  }
  editors = [];
  process.send!({ type: 'disconnected' });
}

process.on('message', (command: DriverCommand) => {
  const fail = (error: unknown) => {
    process.send!({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
  };
  if (command.type === 'connect') connect(command).catch(fail);
  else if (command.type === 'run') run(command).catch(fail);
  else if (command.type === 'idle') idle(command).catch(fail);
  else disconnect();
});
