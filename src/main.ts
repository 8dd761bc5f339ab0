import { ConfigError, loadConfig } from './config.js';
import { createProviders, simulatorInstances, startSimulators } from './demo.js';
import { startGateway } from './server.js';
import type { RunningSimulator } from './simulator/server.js';

/** Starts the gateway: over the configured providers, or over the four simulators in demo mode. */
async function main(): Promise<void> {
  const config = loadConfig();
  let simulators: RunningSimulator[] = [];
  let instances = config.providers;
  if (!instances) {
    simulators = await startSimulators({ seed: config.demo.seed, size: config.demo.size });
    instances = simulatorInstances(simulators);
    console.log('No GATEWAY_CONFIG: demo mode over the four provider simulators:');
    for (const sim of simulators) console.log(`  ${sim.key.padEnd(11)} ${sim.baseUrl}`);
  }
  const providers = createProviders(instances);
  const gateway = await startGateway({ providers, port: config.port, host: config.host });
  console.log(`ticket-gateway on ${gateway.url} (GraphiQL in a browser), subscriptions on ${gateway.wsUrl}`);
  const stop = async (): Promise<void> => {
    await gateway.close();
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
