/**
 * `npm start`: builds the web front end when the build is missing or older than its sources, then
 * starts the server (which migrates, seeds an empty embedded database and prints the demo logins).
 */
import { ensureWebBuild } from './lib/web-build.ts';

ensureWebBuild();
const { main } = await import('../server/index.ts');
main();
