import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isOwnOrigin } from '../../server/auth/origin.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isOwnOrigin', () => {
  it('accepts the host the request was sent to', () => {
    expect(isOwnOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }), undefined)).toBe(
      true,
    );
  });
  it('accepts the configured public origin behind a proxy', () => {
    expect(
      isOwnOrigin(
        request({ host: '10.0.0.5:3000', origin: 'https://stint.example.org' }),
        'https://stint.example.org',
      ),
    ).toBe(true);
  });
  it('refuses another site, a look-alike host and garbage', () => {
    expect(isOwnOrigin(request({ host: 'localhost:3000', origin: 'https://evil.example' }), undefined)).toBe(
      false,
    );
    expect(
      isOwnOrigin(
        request({ host: 'localhost:3000', origin: 'http://localhost:3000.evil.example' }),
        undefined,
      ),
    ).toBe(false);
    expect(isOwnOrigin(request({ host: 'localhost:3000', origin: 'null' }), undefined)).toBe(false);
  });
  it('falls back to Referer when there is no Origin', () => {
    expect(
      isOwnOrigin(request({ host: 'localhost:3000', referer: 'https://evil.example/page' }), undefined),
    ).toBe(false);
    expect(
      isOwnOrigin(request({ host: 'localhost:3000', referer: 'http://localhost:3000/login' }), undefined),
    ).toBe(true);
  });
});
