/**
 * One-way folders (`npm run lint` runs this). Arrows: http|realtime → services → db; everyone →
 * shared; shared → nothing of ours. Demo data sits above the
 * services; auth, db, matching and portfolio below them. No violation is tolerated (the
 * known-violations file is gone): any arrow against these fails.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders import one way; a cycle means two folders are one, or a piece is in the wrong one.',
      from: { path: '^(server|shared)/' },
      to: { circular: true },
    },
    {
      name: 'services-not-to-transport',
      severity: 'error',
      comment: 'Services know nothing of HTTP or sockets.',
      from: { path: '^server/services/' },
      to: { path: '^server/(http|realtime)/' },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web|scripts|tests)/' },
    },
    {
      name: 'server-not-to-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'lower-layers-not-up',
      severity: 'error',
      comment: 'auth, db, matching, portfolio and errors sit below the services.',
      from: { path: '^server/(auth|db|matching|portfolio)/|^server/errors\\.ts$' },
      to: { path: '^server/(services|http|realtime)/' },
    },
    {
      name: 'demo-data-above-services',
      severity: 'error',
      comment: 'Demo data calls the services like any caller; no rule depends on it.',
      from: { path: '^server/(services|auth|db|matching|portfolio|http|realtime)/' },
      to: { path: '^server/demo/' },
    },
    {
      name: 'services-apply-no-rules',
      severity: 'error',
      comment:
        'Callers (http, realtime) authorize; services import only types from the permission module (server/README.md).',
      from: { path: '^server/services/' },
      to: { path: '^server/auth/permissions\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^server/db/migrations' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
