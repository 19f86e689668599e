import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { markersIn, startOwnRedis, startTestCluster, typeParagraph, type TestCluster } from './helpers.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function editor(wsUrl: string, workspaceId: string, cookie: string | undefined) {
  const opened = openDocument(wsUrl, workspaceId, cookie);
  cleanups.push(() => opened.provider.destroy());
  /** Every marker this editor ever had in its document, whoever typed it. */
  const seen = new Set<string>();
  opened.doc.on('update', () => {
    for (const marker of markersIn(opened.doc)) seen.add(marker);
  });
  let closes = 0;
  opened.provider.on('connection-close', () => (closes += 1));
  return { ...opened, seen, closes: () => closes };
}

/** Types one marker every few milliseconds until stopped. */
function keepTyping(doc: Y.Doc, name: string) {
  let count = 0;
  const timer = setInterval(() => typeParagraph(doc, `marker-${name}-${count++}`), 15);
  return () => clearInterval(timer);
}

const wsOf = (cluster: TestCluster, index: number) => cluster.processes[index]!.url.replace(/^http/, 'ws');

describe('failures in a cluster', () => {
  it('kill -9 of a process while editors type through the balancer: they reconnect and nothing any peer saw is lost', async () => {
    const cluster = await startTestCluster(2);
    cleanups.push(() => cluster.stopAll());
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });
    // Round robin spreads four editors over both processes.
    const editors = [supervisor, intern, supervisor, intern].map((person) =>
      editor(cluster.wsUrl, workspaceId, person.cookie),
    );
    await Promise.all(editors.map((e) => synced(e.provider)));
    const stops = editors.map((e, index) => keepTyping(e.doc, `editor${index}`));
    await eventually(() => expect(markersIn(editors[0]!.doc).size).toBeGreaterThan(40));

    await cluster.processes[0]!.stop('SIGKILL');
    await eventually(() => expect(editors.some((e) => e.closes() > 0)).toBe(true));
    // They keep typing while reconnecting through the balancer to the surviving process.
    await eventually(
      () => expect(editors.every((e) => e.provider.wsconnected && e.provider.synced)).toBe(true),
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const stop of stops) stop();

    const everythingSeen = new Set(editors.flatMap((e) => [...e.seen]));
    await eventually(() => {
      for (const e of editors)
        expect([...everythingSeen].filter((m) => !markersIn(e.doc).has(m))).toEqual([]);
      for (const e of editors) expect(markersIn(e.doc)).toEqual(markersIn(editors[0]!.doc));
    }, 20_000);
    await eventually(async () => {
      const { doc: stored } = await loadDocument(cluster.database.db, workspaceId);
      expect(markersIn(stored)).toEqual(markersIn(editors[0]!.doc));
    });
  });

  it('restarting Redis while editors type: nothing is lost, the catch-up from PostgreSQL delivers the gap, live relay resumes', async () => {
    const redis = await startOwnRedis();
    cleanups.push(() => redis.stop());
    const cluster = await startTestCluster(2, redis.url);
    cleanups.push(() => cluster.stopAll());
    const { workspaceId, supervisor, intern } = await makeWorkspace(cluster.url, { intern: true });
    const first = editor(wsOf(cluster, 0), workspaceId, supervisor.cookie);
    const second = editor(wsOf(cluster, 1), workspaceId, intern.cookie);
    await Promise.all([synced(first.provider), synced(second.provider)]);
    typeParagraph(first.doc, 'marker-before-outage');
    await eventually(() => expect(markersIn(second.doc)).toContain('marker-before-outage'));

    await redis.stop('SIGKILL');
    await eventually(async () => {
      const health = await (await fetch(`${cluster.processes[0]!.url}/api/health`)).json();
      expect(health).toMatchObject({ ok: true, bus: 'redis', busConnected: false });
    });
    // Typed on both processes while the bus is down: stored, relayed locally, not across.
    const stopFirst = keepTyping(first.doc, 'first-during-outage');
    const stopSecond = keepTyping(second.doc, 'second-during-outage');
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopFirst();
    stopSecond();
    const typedDuringOutage = new Set([...markersIn(first.doc), ...markersIn(second.doc)]);
    expect([...typedDuringOutage].some((m) => m.includes('first-during-outage'))).toBe(true);
    expect([...markersIn(second.doc)].some((m) => m.includes('first-during-outage'))).toBe(false);

    await redis.start();
    await eventually(() => {
      for (const e of [first, second])
        expect([...typedDuringOutage].filter((m) => !markersIn(e.doc).has(m))).toEqual([]);
    }, 20_000);
    // The gap reached the other process through the catch-up path (its log says so), since the
    // editors never reconnected: their WebSockets stayed open the whole time.
    expect(first.closes() + second.closes()).toBe(0);
    // The log line and the relayed update leave a process by different pipes, in either order.
    await eventually(() => {
      for (const process of cluster.processes) {
        expect(process.output()).toMatch(
          new RegExp(`"workspaceId":"${workspaceId}".*caught up a document from PostgreSQL`),
        );
      }
    }, 10_000);
    // And the live relay works again.
    typeParagraph(first.doc, 'marker-after-outage');
    await eventually(() => expect(markersIn(second.doc)).toContain('marker-after-outage'));
    const health = await (await fetch(`${cluster.processes[1]!.url}/api/health`)).json();
    expect(health).toMatchObject({ bus: 'redis', busConnected: true });
  });
});
