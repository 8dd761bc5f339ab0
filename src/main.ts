import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { createProviders, simulatorInstances, startSimulators } from './demo.js';
import { startDemoAgents } from './live/agents.js';
import { connectRedis, RedisIdempotencyStore, RedisLiveState } from './live/redis.js';
import { LiveService } from './live/service.js';
import type { TicketProvider } from './providers/provider.js';
import { startGateway } from './server.js';
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
  return { live, idempotency, close: async () => (await live.close(), await redis?.close()) };
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
  const { live, idempotency, close } = await shared(config, providers);
  const gateway = await startGateway({ providers, live, idempotency, port: config.port, host: config.host });
  console.log(`ticket-gateway on ${gateway.url} (GraphiQL in a browser), subscriptions on ${gateway.wsUrl}`);
  const stop = async (): Promise<void> => {
    stopAgents();
    await gateway.close();
    await close();
    await Promise.all([...providers.values()].map((p) => p.close()));
    await Promise.all(simulators.map((s) => s.close()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
