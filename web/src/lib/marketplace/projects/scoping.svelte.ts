import type { ScopingResult } from '$shared/schemas/marketplace-views.ts';
import { apiFetch } from '$lib/api.ts';
import { unknownSkillsFrom } from '../form-submit.ts';
import type { ScopeInput } from './project-draft.svelte.ts';

const DEBOUNCE_MS = 600;

/**
 * The live scoping check: asks `POST /api/projects/scope` once typing pauses, and keeps only the
 * answer to the latest draft. Skills the taxonomy does not know would fail the whole check, so it
 * asks again without them and reports them separately.
 */
export class ScopingCheck {
  result = $state<ScopingResult | null>(null);
  checking = $state(false);
  problem = $state<string | null>(null);
  unknownSkills = $state<string[]>([]);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #latest = 0;

  schedule(input: ScopeInput, delay = DEBOUNCE_MS): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(input), delay);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#latest += 1;
  }

  async #run(input: ScopeInput) {
    this.#latest += 1;
    const request = this.#latest;
    this.checking = true;
    let result = await this.#ask(input);
    let unknown: string[] = [];
    if (!result.ok && result.error.code === 'unknown_skill') {
      unknown = unknownSkillsFrom(result.error);
      result = await this.#ask({
        ...input,
        skills: (input.skills ?? []).filter((s) => !unknown.includes(s.skill)),
      });
    }
    if (request !== this.#latest) return;
    this.checking = false;
    this.unknownSkills = unknown;
    if (result.ok) {
      this.result = result.data;
      this.problem = null;
    } else {
      this.problem = result.error.message;
    }
  }

  #ask(input: ScopeInput) {
    return apiFetch<ScopingResult>('/api/projects/scope', { method: 'POST', body: input });
  }
}
