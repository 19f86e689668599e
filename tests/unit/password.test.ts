import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Zoë’s long passphrase');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('passphrase');
    expect(await verifyPassword('Zoë’s long passphrase', hash)).toBe(true);
    expect(await verifyPassword('Zoe’s long passphrase', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});
