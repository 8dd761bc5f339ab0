import { inspect } from 'node:util';
import { ConfigError, isLoopback, loadConfig, type GatewayConfig } from './config.js';
import { simulatorInstances, startSimulators, type RunningSimulator } from './demo/simulators.js';
import { startDemoAgents } from './demo/agents.js';
import { connectRedis, RedisLiveState } from './live/redis.js';
import { LiveService } from './live/service.js';
import type { ProviderInstanceConfig, TicketProvider } from './providers/provider.js';
import { createProviders } from './providers/registry.js';
import { startGateway } from './server.js';
import { RedisPersistedQueries, SqlitePersistedQueries } from './edge/persisted.js';
import { openStateDb } from './stores/sqlite.js';
import { RedisIdempotencyStore } from './writes/redis-idempotency.js';
import { SqliteIdempotencyStore } from './writes/sqlite-idempotency.js';
import { createLogger, type Logger } from './log.js';

/**
 * Live updates, idempotency keys and persisted queries: all through Redis when `REDIS_URL` is
 * set; otherwise live updates in memory, and keys and queries in the SQLite file `STATE_DB`,
 * so that a restart neither doubles a keyed write nor forgets a registered query.
 */
async function shared(config: GatewayConfig, providers: ReadonlyMap<string, TicketProvider>, log: Logger) {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : undefined;
  const live = new LiveService({
    providers,
    pollIntervalMs: config.pollIntervalMs,
    eventTarget: redis?.eventTarget,
    state: redis ? new RedisLiveState(redis.commands) : undefined,
    logger: log,
  });
  if (redis) {
    const idempotency = new RedisIdempotencyStore(redis.commands);
    const persisted = new RedisPersistedQueries(redis.commands);
    return { live, idempotency, persisted, close: async () => (await live.close(), await redis.close()) };
  }
  const db = openStateDb(config.stateDb);
  const idempotency = new SqliteIdempotencyStore(db);
  const persisted = new SqlitePersistedQueries(db);
  const close = async (): Promise<void> => {
    await live.close();
    await idempotency.close();
    db.close();
  };
  return { live, idempotency, persisted, close };
}

/** Starts the gateway: over the configured providers, or over the four simulators in demo mode. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (processLog = loggerFor(config));
  let simulators: RunningSimulator[] = [];
  let stopAgents = (): void => undefined;
  let instances = config.providers;
  if (!instances) {
    simulators = await startSimulators({ seed: config.demo.seed, size: config.demo.size });
    instances = simulatorInstances(simulators);
    if (config.demo.agents) stopAgents = startDemoAgents(simulators);
    log.info('No GATEWAY_CONFIG: demo mode over the four provider simulators:');
    for (const sim of simulators) log.info(`  ${sim.key.padEnd(11)} ${sim.baseUrl}`);
  }
  const providers = createProviders(instances);
  const { live, idempotency, persisted, close } = await shared(config, providers, log);
  const gateway = await startGateway({
    providers,
    live,
    idempotency,
    port: config.port,
    host: config.host,
    security: config.security,
    persistedQueries: { ...config.persistedQueries, store: persisted },
    secrets: secretsOf(config, instances),
    logger: log,
  });
  log.info(`ticket-gateway on ${gateway.url} (GraphiQL in a browser), subscriptions on ${gateway.wsUrl}`);
  log.info(accessLine(config));
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info('Shutting down: finishing in-flight operations, then closing subscriptions.');
    stopAgents();
    await gateway.close();
    await close();
    await Promise.all([...providers.values()].map((p) => p.close()));
    await Promise.all(simulators.map((s) => s.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Every configured credential, so that no answer can carry one. */
function secretsOf(config: GatewayConfig, instances: readonly ProviderInstanceConfig[]): string[] {
  const { auth } = config.security;
  return [
    ...instances.flatMap((i) => Object.values(i.credentials)),
    ...auth.apiKeys.map((k) => k.key),
    ...(auth.jwt?.secret ? [auth.jwt.secret] : []),
  ].filter((s) => s.length >= 6);
}

/** Says who can reach the gateway; never prints a credential. */
function accessLine(config: GatewayConfig): string {
  const { auth } = config.security;
  const methods = [
    auth.apiKeys.length ? `${auth.apiKeys.length} API key(s)` : '',
    auth.jwt ? 'JWT' : '',
  ].filter(Boolean);
  if (methods.length) return `Client auth: ${methods.join(' and ')} (Authorization: Bearer …).`;
  return isLoopback(config.host)
    ? `No client auth configured: open to this machine only (${config.host}). Set GATEWAY_API_KEYS before serving others.`
    : `No client auth configured, and GATEWAY_ALLOW_ANONYMOUS=true: anyone who reaches ${config.host} may use the gateway.`;
}

/** The process's logger, once the configuration has said how to log. */
let processLog: Logger | undefined;

/** `LOG_LEVEL`, and `LOG_FORMAT` or else pretty lines on a terminal and JSON lines otherwise. */
function loggerFor(config: GatewayConfig): Logger {
  const format = config.log.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  return createLogger({ level: config.log.level, pretty: format === 'pretty' });
}

main().catch((error: unknown) => {
  // A bad configuration is said plainly on stderr: there may be no logger yet, and it is for a person.
  if (error instanceof ConfigError) process.stderr.write(`Configuration error: ${error.message}\n`);
  else if (processLog) processLog.error({ err: error }, 'ticket-gateway could not start');
  else process.stderr.write(`${inspect(error)}\n`);
  process.exit(1);
});
