import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * GraphQL only at the edge: `src/schema/` (and `src/edge/`, the HTTP/WebSocket edge) are the
 * only places that know GraphQL. The layers below them return domain results and throw domain
 * errors, so they import no GraphQL package and nothing of the schema or the edge. This test
 * reads their import statements (every form: static, type-only, re-exports, dynamic) so the
 * rule stays true.
 */

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** The layers below the schema (domain logic, the providers under it) and their errors. */
const DOMAIN_LAYERS = ['federation/', 'writes/', 'live/', 'providers/', 'errors.ts'] as const;

/** Packages that are GraphQL (and its transports); `@pothos/*` is the schema builder. */
const GRAPHQL_PACKAGES = /^(?:(?:graphql|graphql-yoga|graphql-ws|graphql-sse)(?:\/|$)|@pothos\/)/;

/** Folders of `src/` only the edge may reach into. */
const EDGE_FOLDERS = new Set(['schema', 'edge']);

/**
 * What `src/live/` may take from graphql-yoga: yoga re-exports its pub/sub
 * (`@graphql-yoga/subscription`) and async iterators (`@repeaterjs/repeater`), which carry no
 * GraphQL. Any other name from yoga below the schema breaks the layering.
 */
const YOGA_EVENT_KIT: ReadonlySet<string> = new Set([
  'Repeater',
  'createPubSub',
  'PubSub',
  'pipe',
  'filter',
  'map',
]);

interface Import {
  specifier: string;
  /** The names imported; `undefined` when the whole module is (namespace, default, side effect, dynamic). */
  names: readonly string[] | undefined;
}

function namedImports(node: ts.ImportDeclaration | ts.ExportDeclaration): string[] | undefined {
  if (ts.isExportDeclaration(node)) {
    const clause = node.exportClause;
    return clause && ts.isNamedExports(clause)
      ? clause.elements.map((e) => (e.propertyName ?? e.name).text)
      : undefined;
  }
  const bindings = node.importClause?.namedBindings;
  if (node.importClause?.name || !bindings || !ts.isNamedImports(bindings)) return undefined;
  return bindings.elements.map((e) => (e.propertyName ?? e.name).text);
}

/** `import(…)` and `require(…)` of a literal module name. */
function calledModule(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const [argument] = node.arguments;
  const callee = node.expression;
  const loads =
    callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
  return loads && argument && ts.isStringLiteral(argument) ? argument.text : undefined;
}

/** Every module a source file imports or re-exports, with the names it takes. */
function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const specifier = node.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier)) {
        found.push({ specifier: specifier.text, names: namedImports(node) });
      }
    }
    const called = calledModule(node);
    if (called !== undefined) found.push({ specifier: called, names: undefined });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Why an import breaks the layering, or `undefined` when it does not. */
function violation(file: string, imported: Import): string | undefined {
  const { specifier, names } = imported;
  if (specifier.startsWith('.')) {
    const folder = relative(SRC, resolve(dirname(file), specifier)).split(sep)[0] ?? '';
    return EDGE_FOLDERS.has(folder) ? `imports src/${folder}/ (${specifier})` : undefined;
  }
  if (!GRAPHQL_PACKAGES.test(specifier)) return undefined;
  const eventKitOnly =
    specifier === 'graphql-yoga' && names?.length && names.every((n) => YOGA_EVENT_KIT.has(n));
  return eventKitOnly ? undefined : `imports ${specifier}`;
}

/** A layer's TypeScript files: a folder's, recursively, or the one file. */
function sourceFiles(layer: string): string[] {
  const dir = join(SRC, layer);
  if (layer.endsWith('.ts')) return [dir];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

describe('architecture: GraphQL only at the edge', () => {
  it.each(DOMAIN_LAYERS)('src/%s imports no GraphQL package, no src/schema/ and no src/edge/', (layer) => {
    const files = sourceFiles(layer);
    // An empty scan would pass whatever the code does.
    expect(files.length).toBeGreaterThan(0);
    const breaks = files.flatMap((file) =>
      importsOf(file, readFileSync(file, 'utf8')).flatMap((imported) => {
        const why = violation(file, imported);
        return why ? [`${relative(SRC, file)} ${why}`] : [];
      }),
    );
    expect(breaks).toEqual([]);
  });

  it('sees every form of import, and lets only the event kit through from yoga', () => {
    const file = join(SRC, 'writes', 'sample.ts');
    const sample = [
      "import type { GraphQLError } from 'graphql';",
      "import {\n  createGraphQLError,\n} from 'graphql-yoga';",
      "export { builder } from '../schema/builder.js';",
      "const yoga = await import('../edge/yoga.js');",
      "import * as relay from '@pothos/plugin-relay';",
      "import { Repeater, createGraphQLError as coded } from 'graphql-yoga';",
      "import { Repeater } from 'graphql-yoga';",
      "import { UpstreamError } from '../errors.js';",
      "import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';",
    ].join('\n');
    expect(importsOf(file, sample).map((imported) => violation(file, imported))).toEqual([
      'imports graphql',
      'imports graphql-yoga',
      'imports src/schema/ (../schema/builder.js)',
      'imports src/edge/ (../edge/yoga.js)',
      'imports @pothos/plugin-relay',
      'imports graphql-yoga',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
