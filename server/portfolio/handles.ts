import { randomBytes } from 'node:crypto';
import { HANDLE_PATTERN } from '../../shared/schemas/portfolio.ts';

/** "Zoë Ñúñez" → "zoe-nunez": the default portfolio handle, before making it unique. */
export function handleFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return HANDLE_PATTERN.test(slug) ? slug : `student-${slug}`.slice(0, 32).replace(/-+$/, '');
}

/** The handles to try in turn: the name, then numbered variants. */
export function* handleCandidates(name: string): Generator<string> {
  const base = handleFromName(name);
  yield base;
  for (let n = 2; n < 100; n += 1) yield `${base}-${n}`;
}

/** An entry's share token: 256 random bits, so holding one is the permission to read. */
export const newShareToken = () => randomBytes(32).toString('base64url');
