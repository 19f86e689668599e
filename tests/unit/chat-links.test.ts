import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../web/src/lib/workspace/chat-links.ts';

describe('chat messages are split into text and safe links', () => {
  it('links http(s) addresses and keeps trailing punctuation as text', () => {
    expect(splitMessage('See https://example.org/brief. Thanks!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/brief', href: 'https://example.org/brief' },
      { kind: 'text', text: '. Thanks!' },
    ]);
  });

  it('never turns markup or other schemes into anything but text', () => {
    const parts = splitMessage('<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,hi');
    expect(parts).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,hi' },
    ]);
  });
});
