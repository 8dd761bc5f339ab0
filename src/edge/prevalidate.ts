import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { validate, type GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_LIMITS, type OperationLimits } from './limits.js';
import { overlapWork } from './overlap.js';
import { foundIn, LIMIT_VARS, overLimit, tooComplex } from './refusal.js';

/**
 * Depth, aliases, directives (graphql-armor's rules) and the work of merging same-named fields,
 * checked in a cheap pass of their own before graphql-js's full validation. Added to the full
 * pass instead, armor's rules would run alongside `OverlappingFieldsCanBeMerged`, whose time
 * grows with the square of the document: a refused document must not cost that first.
 */
export function usePreValidation(limits: OperationLimits): Plugin {
  const rules = limitRules(limits);
  const maxComparisons = limits.maxFieldComparisons ?? DEFAULT_LIMITS.maxFieldComparisons!;
  return {
    onValidate({ params, setResult }) {
      const errors: GraphQLError[] = [...validate(params.schema, params.documentAST, rules)];
      if (!errors.length && overlapWork(params.documentAST, maxComparisons) > maxComparisons) {
        errors.push(
          tooComplex(
            `Query repeats same-named fields so often that checking they merge takes over ${maxComparisons} comparisons, the limit (${LIMIT_VARS.maxFieldComparisons}).`,
          ),
        );
      }
      // Only a refusal replaces the result: an empty one would skip the full validation.
      if (errors.length) setResult(errors);
    },
  };
}

/** armor's rules, reporting our error (code, limit, setting) instead of throwing theirs. */
function limitRules(limits: OperationLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      onReject: [report((n) => overLimit(`Query depth is ${n}`, limits.maxDepth, 'maxDepth'))],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [report((n) => overLimit(`Query has ${n} aliases`, limits.maxAliases, 'maxAliases'))],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [
        report((n) => overLimit(`Query has ${n} directives`, limits.maxDirectives, 'maxDirectives')),
      ],
    }),
  ];
}

/** An armor `onReject` that reports our error, built from the count armor found, to validation. */
function report(error: (found: string) => GraphQLError): GraphQLArmorRejectCallback {
  return (context, armorError) =>
    context?.reportError(error(String(foundIn(armorError.message) ?? 'too many')));
}
