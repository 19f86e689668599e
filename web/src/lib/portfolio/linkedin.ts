/**
 * LinkedIn's "Add to profile" link for a certification
 * (https://addtoprofile.linkedin.com): it opens the student's profile with the licence or
 * certification form filled in — the name, the issuing organisation, the issue month and year, the
 * credential's id and the URL where anyone can verify it.
 */
export interface LinkedInCertification {
  name: string;
  organisation: string;
  /** The day it was issued, `YYYY-MM-DD`. */
  issuedOn: string;
  credentialUrl: string;
  credentialId: string;
}

export function linkedInAddToProfileUrl(certification: LinkedInCertification): string {
  const url = new URL('https://www.linkedin.com/profile/add');
  const [year, month] = certification.issuedOn.split('-');
  url.searchParams.set('startTask', 'CERTIFICATION_NAME');
  url.searchParams.set('name', certification.name);
  url.searchParams.set('organizationName', certification.organisation);
  if (year && /^\d{4}$/.test(year)) url.searchParams.set('issueYear', year);
  if (month && /^\d{2}$/.test(month)) url.searchParams.set('issueMonth', String(Number(month)));
  url.searchParams.set('certUrl', certification.credentialUrl);
  url.searchParams.set('certId', certification.credentialId);
  return url.href;
}
