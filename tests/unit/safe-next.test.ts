import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from '../../web/src/lib/safe-next.ts';

/** Where a browser goes when it follows `Location: <path>` from https://stint.example. */
const followed = (location: string) => new URL(location, 'https://stint.example.org/login').origin;

describe('safeNextPath: only same-origin paths, judged after resolving them', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/workspaces/abc?tab=board#chat', '/workspaces/abc?tab=board#chat'],
    ['/a/../projects', '/projects'],
    ['/./projects/./x', '/projects/x'],
    ['/projects/caf%C3%A9', '/projects/caf%C3%A9'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps %s as %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    '/..//evil.example',
    '/.//x',
    '/a/..//x',
    '/a/b/../..//evil.example/path',
    '/%2e%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/a/%2e%2e//evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '/..\\/evil.example',
    '/a/..\\\\evil.example',
    '/.\\\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'evil.example',
    '/\tevil',
    '/\n/evil.example',
    '',
    null,
    undefined,
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/dashboard');
  });

  it('whatever it answers, a browser following it stays on this site', () => {
    const tricky = ['/..//a', '/./\\a', '/%2e/\\\\a', '/a/./..//b', '/..%2f..%2f/evil', '/%5C%5Cevil'];
    for (const next of tricky) expect(followed(safeNextPath(next))).toBe('https://stint.example.org');
  });

  it('loginPathFor round-trips through safeNextPath', () => {
    const path = '/workspaces/abc?tab=board';
    const next = new URL(loginPathFor(path), 'http://x.invalid').searchParams.get('next');
    expect(safeNextPath(next)).toBe(path);
  });
});
