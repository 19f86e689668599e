import { expect, test } from 'vitest';
import { startTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
test('probe', async () => {
  const app = await startTestServer({ web: true });
  const account = await signUp(app.url, { name: 'Probe Person' });
  const html = await account.get('/zz-probe');
  console.log(String(html.body).match(/<p id="probe">(.*?)<\/p>/)?.[1]);
  const anon = await fetch(app.url + '/zz-probe').then((r) => r.text());
  console.log(anon.match(/<p id="probe">(.*?)<\/p>/)?.[1]);
  await app.stop();
  expect(1).toBe(1);
});
