/**
 * `npm run create-admin -- <email> <password> [name]`: the only way, besides the ADMIN_EMAIL and
 * ADMIN_PASSWORD settings, to make a programme admin. Signup never can.
 */
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { upsertAdmin } from '../server/services/accounts/accounts.ts';

const [email, password, name] = process.argv.slice(2);
if (!email || !password || password.length < 10) {
  process.stderr.write('Usage: npm run create-admin -- <email> <password of 10+ characters> [name]\n');
  process.exit(2);
}
const database = await openDatabase(loadConfig());
try {
  await database.migrate();
  const admin = await upsertAdmin(database.db, { email, password, name });
  process.stdout.write(`Admin ready: ${admin.email}\n`);
} finally {
  await database.close();
}
