import { parseArgs } from 'node:util';
import { DEFAULT_SIMULATOR_PORTS, startSimulators } from './simulators.js';

/**
 * `npm run simulators -- [--json] [--seed N] [--size N] [--host H] [--daakey-port N] ...`:
 * the four provider simulators alone, each with working demo credentials.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      size: { type: 'string', default: '40' },
      host: { type: 'string', default: '127.0.0.1' },
      ...Object.fromEntries(
        Object.keys(DEFAULT_SIMULATOR_PORTS).map((k) => [`${k}-port`, { type: 'string' as const }]),
      ),
    },
  });
  const number = (name: string, text: string | undefined, fallback: number): number => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name}: expected a whole number, got "${text}"`);
    return value;
  };
  const ports = Object.fromEntries(
    Object.entries(DEFAULT_SIMULATOR_PORTS).map(([k, p]) => [
      k,
      number(`${k}-port`, (values as Record<string, unknown>)[`${k}-port`] as string | undefined, p),
    ]),
  );
  const simulators = await startSimulators({
    ports,
    host: values.host as string,
    seed: number('seed', values.seed as string, 1),
    size: number('size', values.size as string, 40),
  });
  for (const sim of simulators) {
    if (values.json)
      console.log(JSON.stringify({ key: sim.key, baseUrl: sim.baseUrl, headers: sim.headers }));
    else
      console.log(
        `${sim.key.padEnd(11)} ${sim.baseUrl}  headers: ${JSON.stringify(sim.headers)}  controls: ${sim.origin}/__sim/stats`,
      );
  }
  const stop = (): void => {
    void Promise.all(simulators.map((s) => s.close())).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
