import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'stint_session';

export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  try {
    return parse(cookieHeader)[SESSION_COOKIE];
  } catch {
    return undefined;
  }
}

/** httpOnly so scripts cannot read it, SameSite=Lax so other sites cannot send it on a POST. */
export function sessionCookie(token: string, expires: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(0),
  });
}
