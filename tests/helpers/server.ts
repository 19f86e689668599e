import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp, type StintServer } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { forgetDatabase, registerDatabase } from './accounts.ts';

export interface TestServer {
  server: StintServer;
  database: TestDatabase;
  config: Config;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * The real Stint server on a random port with its own fresh database. `web: true` also serves the
 * SvelteKit build (the e2e suite builds it first).
 */
export async function startTestServer(
  options: {
    web?: boolean;
    env?: Record<string, string>;
    database?: TestDatabase;
    /** Stint's own logger by default, silent unless TEST_LOG_LEVEL says otherwise. */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  // The shared rate limits are off unless a test asks for them (RATE_LIMITS: '' for the defaults).
  const config = loadConfig({ PORT: '0', SEED: 'false', RATE_LIMITS: 'off', ...options.env });
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const server = await createApp({ config, db: database, logger, web: options.web ?? false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  registerDatabase(`http://127.0.0.1:${port}`, database.db);
  return {
    server,
    database,
    config,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async stop() {
      forgetDatabase(`http://127.0.0.1:${port}`);
      await server.shutdown();
      await database.destroy();
    },
  };
}
