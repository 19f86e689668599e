import { browser } from '$app/environment';
import type { Notification } from '$shared/live.ts';
import { apiFetch } from '$lib/api.ts';
import { holdLiveSocket, type LiveSocketHold } from '$lib/live-socket.ts';

interface NotificationPage {
  items: Notification[];
  next: string | null;
  unread: number;
}

/**
 * The signed-in person's notifications, shared by the header's bell and the notifications page:
 * loaded from the API, then kept current by Socket.IO `notification` events, and re-read after a
 * reconnect so nothing missed while offline is lost. Browser only: on the server it stays empty, so
 * nobody's notifications live in a module shared between requests.
 */
class NotificationFeed {
  items = $state<Notification[]>([]);
  next = $state<string | null>(null);
  unread = $state(0);
  /** True once the list reflects the API for the current person. */
  ready = $state(false);
  /** The latest thing to say aloud in the bell's live region. */
  announcement = $state('');

  #userId: string | null = null;
  #live: LiveSocketHold | null = null;
  #connectedBefore = false;
  /** Arrived live while a reload was in flight; merged into its answer. */
  #arrivedDuringLoad: Notification[] = [];
  #loading = false;

  /** Follows `userId`: connects for a new person, does nothing for the same one. */
  connect(userId: string): void {
    if (!browser || this.#userId === userId) return;
    this.disconnect();
    this.#userId = userId;
    void this.reload();
    const live = holdLiveSocket();
    // The page's connection may be up already (a workspace's chat opened it first).
    this.#connectedBefore = live.socket.connected;
    live.on('connect', () => {
      if (this.#connectedBefore) void this.reload();
      this.#connectedBefore = true;
    });
    live.on('notification', this.#receive);
    this.#live = live;
  }

  disconnect(): void {
    this.#live?.release();
    this.#live = null;
    this.#userId = null;
    this.#connectedBefore = false;
    this.items = [];
    this.next = null;
    this.unread = 0;
    this.ready = false;
    this.announcement = '';
  }

  /** Takes a page the server already loaded, so the first paint needs no second request. */
  seed(page: NotificationPage): void {
    if (!browser || this.ready) return;
    this.#apply(page);
  }

  async reload(): Promise<void> {
    const userId = this.#userId;
    this.#loading = true;
    this.#arrivedDuringLoad = [];
    const result = await apiFetch<NotificationPage>('/api/notifications');
    this.#loading = false;
    if (!result.ok || userId !== this.#userId) return;
    const missed = this.#arrivedDuringLoad.filter(
      (live) => !result.data.items.some((item) => item.id === live.id),
    );
    this.#apply({
      items: [...missed, ...result.data.items],
      next: result.data.next,
      unread: result.data.unread + missed.filter((item) => item.readAt === null).length,
    });
  }

  async loadOlder(): Promise<boolean> {
    if (!this.next) return false;
    const result = await apiFetch<NotificationPage>(
      `/api/notifications?before=${encodeURIComponent(this.next)}`,
    );
    if (!result.ok) return false;
    const known = new Set(this.items.map((item) => item.id));
    this.items = [...this.items, ...result.data.items.filter((item) => !known.has(item.id))];
    this.next = result.data.next;
    return true;
  }

  async markRead(id: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.id === id);
    if (item && item.readAt === null) {
      item.readAt = new Date().toISOString();
      this.unread = Math.max(0, this.unread - 1);
    }
    await apiFetch(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
  }

  async markAllRead(): Promise<boolean> {
    const result = await apiFetch('/api/notifications/read-all', { method: 'POST' });
    if (!result.ok) return false;
    const now = new Date().toISOString();
    for (const item of this.items) item.readAt ??= now;
    this.unread = 0;
    return true;
  }

  #apply(page: NotificationPage) {
    this.items = page.items;
    this.next = page.next;
    this.unread = page.unread;
    this.ready = true;
  }

  #receive = (notification: Notification) => {
    if (this.#loading) this.#arrivedDuringLoad.push(notification);
    if (this.items.some((item) => item.id === notification.id)) return;
    this.items = [notification, ...this.items];
    if (notification.readAt === null) this.unread += 1;
    this.announcement = `New notification: ${notification.title}`;
  };
}

export const notificationFeed = new NotificationFeed();
