import type { PublicUser } from '$shared/schemas/auth.ts';

declare global {
  namespace App {
    interface Locals {
      user: PublicUser | null;
    }
    interface Platform {
      /** adapter-node passes the Node request; Express has already resolved its session. */
      req?: import('node:http').IncomingMessage & { stintUser?: PublicUser | null };
    }
  }
}

export {};
