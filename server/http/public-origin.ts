import type { Request } from 'express';
import type { Config } from '../config.ts';

/** The origin links in exports and credentials use: PUBLIC_ORIGIN, else the host the caller reached. */
export function publicOriginOf(config: Config, request: Request): string {
  return config.publicOrigin ?? `${request.protocol}://${request.get('host')}`;
}
