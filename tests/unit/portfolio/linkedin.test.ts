import { describe, expect, it } from 'vitest';
import { linkedInAddToProfileUrl } from '../../../web/src/lib/portfolio/linkedin.ts';

describe('Add to LinkedIn', () => {
  const certification = {
    name: 'Instagram launch & reels — Corner Thread Fabrics',
    organisation: 'Corner Thread Fabrics (Leeds) #1',
    issuedOn: '2026-09-07',
    credentialUrl: 'https://stint.example/verify/3d1f0a9e-2b4c-4d6e-8f0a-1b2c3d4e5f60',
    credentialId: '3d1f0a9e-2b4c-4d6e-8f0a-1b2c3d4e5f60',
  };

  it('fills LinkedIn’s certification form: name, organisation, issue year and month, URL and id', () => {
    const url = new URL(linkedInAddToProfileUrl(certification));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: certification.name,
      organizationName: certification.organisation,
      issueYear: '2026',
      issueMonth: '9',
      certUrl: certification.credentialUrl,
      certId: certification.credentialId,
    });
  });

  it('encodes what people typed, so `&`, `#` and `=` stay inside their parameter', () => {
    const href = linkedInAddToProfileUrl({ ...certification, name: 'a&b=c#d', organisation: '?x=1&y' });
    expect(href).not.toContain('a&b');
    expect(href).not.toContain('#');
    const url = new URL(href);
    expect(url.searchParams.get('name')).toBe('a&b=c#d');
    expect(url.searchParams.get('organizationName')).toBe('?x=1&y');
    expect([...url.searchParams.keys()]).toHaveLength(7);
  });

  it('leaves the date out rather than sending a malformed one', () => {
    const url = new URL(linkedInAddToProfileUrl({ ...certification, issuedOn: 'soon' }));
    expect(url.searchParams.has('issueYear')).toBe(false);
    expect(url.searchParams.has('issueMonth')).toBe(false);
    expect(url.searchParams.get('issueMonth')).toBeNull();
  });
});
