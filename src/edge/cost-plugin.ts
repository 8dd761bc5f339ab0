import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { estimateCost } from './cost.js';
import type { OperationLimits } from './limits.js';
import { overLimit } from './refusal.js';

/**
 * Refuses an operation whose estimated fan-out (`estimateCost`) is over `maxCost`, or whose
 * `nodes(ids:)` asks for more than `maxNodeIds` ids, before any resolver runs: so before any
 * upstream request. Runs where the variables are known (`first: $n`), for queries, mutations
 * and subscriptions, over every transport.
 */
export function useCostLimit(limits: OperationLimits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = refuse(args, limits);
      if (refusal) setResultAndStopExecution(refusal);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = refuse(args, limits);
      if (refusal) setResultAndStopExecution(refusal);
    },
  };
}

/** The refusal of an operation over a limit, or `undefined` when it may run. */
export function refuse(args: ExecutionArgs, limits: OperationLimits): ExecutionResult | undefined {
  const providers = (args.contextValue as Partial<GatewayContext> | undefined)?.providers;
  const { cost, nodeIds } = estimateCost({
    schema: args.schema,
    document: args.document,
    operationName: args.operationName,
    variables: args.variableValues,
    providerCount: providers?.size ?? 1,
  });
  if (nodeIds > limits.maxNodeIds) {
    return {
      errors: [overLimit(`nodes(ids:) asks for ${nodeIds} ids`, limits.maxNodeIds, 'maxNodeIds')],
    };
  }
  if (cost > limits.maxCost) {
    return {
      errors: [
        overLimit(
          `Query cost is ${Number.isFinite(cost) ? Math.round(cost) : 'beyond measure'} (page sizes × nested lists × providers)`,
          limits.maxCost,
          'maxCost',
        ),
      ],
    };
  }
  return undefined;
}
