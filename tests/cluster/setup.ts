import type { TestProject } from 'vitest/node';
import setupTemplate from '../helpers/global-setup.ts';

/** The cluster suite needs a PostgreSQL server; it refuses to run (rather than skip) without one. */
export default async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL) {
    throw new Error(
      'The cluster tests need PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:cluster',
    );
  }
  return setupTemplate(project);
}
