import { listOfNames } from './people.ts';

/** A "typing" signal counts for this long unless renewed, so a lost "stopped" cannot stick. */
const TYPING_EXPIRES_MS = 6000;

/** Who else is typing in the chat right now, as one sentence for an aria-live region. */
export class TypingPeople {
  #people = $state<{ userId: string; name: string }[]>([]);
  /** Not reactive on purpose: only the list of people is rendered. */
  #timers: Record<string, ReturnType<typeof setTimeout>> = {};

  readonly sentence: string = $derived.by(() => {
    const names = this.#people.map((person) => person.name);
    if (names.length === 0) return '';
    if (names.length > 3) return 'Several people are typing…';
    return `${listOfNames(names)} ${names.length === 1 ? 'is' : 'are'} typing…`;
  });

  readonly #myUserId: string;

  constructor(myUserId: string) {
    this.#myUserId = myUserId;
  }

  update(userId: string, name: string, typing: boolean): void {
    if (userId === this.#myUserId) return;
    clearTimeout(this.#timers[userId]);
    delete this.#timers[userId];
    const others = this.#people.filter((person) => person.userId !== userId);
    if (!typing) {
      if (others.length !== this.#people.length) this.#people = others;
      return;
    }
    this.#people = [...others, { userId, name }];
    this.#timers[userId] = setTimeout(() => this.update(userId, name, false), TYPING_EXPIRES_MS);
  }

  clear(): void {
    for (const timer of Object.values(this.#timers)) clearTimeout(timer);
    this.#timers = {};
    this.#people = [];
  }
}
