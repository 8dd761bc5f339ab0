import { ConfigError, isLoopback, loadConfig, type GatewayConfig } from './config.js';
import { createProviders, simulatorInstances, startSimulators } from './demo.js';
import { startDemoAgents } from './live/agents.js';
import { connectRedis, RedisIdempotencyStore, RedisLiveState } from './live/redis.js';
import { LiveService } from './live/service.js';
import type { ProviderInstanceConfig, TicketProvider } from './providers/provider.js';
import { startGateway } from './server.js';
import { RedisPersistedQueries } from './edge/persisted.js';
import type { RunningSimulator } from './simulator/server.js';

/** Live updates and idempotency: through Redis when `REDIS_URL` is set, in memory otherwise. */
async function shared(config: GatewayConfig, providers: ReadonlyMap<string, TicketProvider>) {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
  const live = new LiveService({
    providers,
    pollIntervalMs: config.pollIntervalMs,
    eventTarget: redis?.eventTarget,
    state: redis ? new RedisLiveState(redis.commands) : undefined,
  });
  const idempotency = redis ? new RedisIdempotencyStore(redis.commands) : undefined;
  const persisted = redis ? new RedisPersistedQueries(redis.commands) : undefined;
  return { live, idempotency, persisted, close: async () => (await live.close(), await redis?.close()) };
}

/** Starts the gateway: over the configured providers, or over the four simulators in demo mode. */
async function main(): Promise<void> {
  const config = loadConfig();
  let simulators: RunningSimulator[] = [];
  let stopAgents = (): void => undefined;
  let instances = config.providers;
  if (!instances) {
    simulators = await startSimulators({ seed: config.demo.seed, size: config.demo.size });
    instances = simulatorInstances(simulators);
    if (config.demo.agents) stopAgents = startDemoAgents(simulators);
    console.log('No GATEWAY_CONFIG: demo mode over the four provider simulators:');
    for (const sim of simulators) console.log(`  ${sim.key.padEnd(11)} ${sim.baseUrl}`);
  }
  const providers = createProviders(instances);
  const { live, idempotency, persisted, close } = await shared(config, providers);
  const gateway = await startGateway({
    providers,
    live,
    idempotency,
    port: config.port,
    host: config.host,
    security: config.security,
    persistedQueries: { ...config.persistedQueries, store: persisted },
    secrets: secretsOf(config, instances),
  });
  console.log(`ticket-gateway on ${gateway.url} (GraphiQL in a browser), subscriptions on ${gateway.wsUrl}`);
  console.log(accessLine(config));
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('Shutting down: finishing in-flight operations, then closing subscriptions.');
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

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
