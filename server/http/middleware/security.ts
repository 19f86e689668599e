import type { RequestHandler } from 'express';
import { isOwnOrigin } from '../../auth/origin.ts';
import { AppError } from '../../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A request that changes something and carries our cookie must come from our own pages. */
export function refuseForeignOrigin(publicOrigin: string | undefined): RequestHandler {
  return (request, _response, next) => {
    if (SAFE_METHODS.has(request.method) || !request.headers.cookie) return next();
    if (isOwnOrigin(request, publicOrigin)) return next();
    next(new AppError(403, 'foreign_origin', 'This request did not come from Stint’s own pages.'));
  };
}

/** Powerful browser features no Stint page uses, switched off for every page and frame. */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

export const securityHeaders: RequestHandler = (_request, response, next) => {
  response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'DENY');
  next();
};
