/**
 * `npm run seed`: fills an empty database (embedded or DATABASE_URL) with the demo programme and
 * prints the demo logins. Refuses to touch a database that already has accounts.
 */
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { formatDemoLogins, isDatabaseEmpty, seedDemoProgramme } from '../server/demo/seed.ts';

const config = loadConfig();
const database = await openDatabase(config);
try {
  await database.migrate();
  if (!(await isDatabaseEmpty(database.db))) {
    process.stdout.write('This database already has accounts; nothing was seeded.\n');
  } else {
    const demo = await seedDemoProgramme(database.db, config);
    process.stdout.write(formatDemoLogins(demo.logins));
  }
} finally {
  await database.close();
}
