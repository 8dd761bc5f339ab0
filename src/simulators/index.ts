/**
 * The provider simulators, a program of their own: each one a real HTTP server implementing
 * one provider's documented REST contract over seeded demo data, written from the provider
 * docs (`../shared/providers/`) alone. Nothing here imports gateway code; only the demo
 * wiring (`src/demo/`) and the tests use it.
 */
import type { SimulatorKind } from './core/types.js';
import { daakeySimulatorKind } from './daakey/index.js';
import { ippanelSimulatorKind } from './ippanel/index.js';
import { kinconectaSimulatorKind } from './kinconecta/index.js';
import { taskipSimulatorKind } from './taskip/index.js';

/** Every simulator, by the provider kind it simulates, in the order they are started and listed. */
export const SIMULATORS: ReadonlyMap<string, SimulatorKind> = new Map(
  [daakeySimulatorKind, ippanelSimulatorKind, taskipSimulatorKind, kinconectaSimulatorKind].map((kind) => [
    kind.key,
    kind,
  ]),
);

export { startSimulator, type RunningSimulator, type StartOptions } from './core/server.js';
export type { SimulatorControls } from './core/controls.js';
export type { DemoOptions } from './core/random.js';
export type {
  AgentDesk,
  FaultRule,
  LatencyRule,
  SimulatorDefinition,
  SimulatorKind,
  SimulatorOptions,
  SimulatorStats,
} from './core/types.js';
export { daakeySimulator, DAAKEY_DEMO_CREDENTIALS } from './daakey/index.js';
export { ippanelSimulator, IPPANEL_DEMO_CREDENTIALS } from './ippanel/index.js';
export { taskipSimulator, TASKIP_DEMO_CREDENTIALS, type TaskipSimulatorOptions } from './taskip/index.js';
export { kinconectaSimulator, KINCONECTA_DEMO_CREDENTIALS } from './kinconecta/index.js';
