// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import from src/simulators/ (or the old src/simulator/), from anywhere. */
const SIMULATORS = '(^|/)simulators?(/|$)';
const GATEWAY_TO_SIMULATORS = 'Gateway code does not import the simulators: only src/demo/ starts them.';

/**
 * For files at each depth below src/simulators/, relative imports that climb out of it: a file
 * in src/simulators/<kind>/ may go up one level (`../core/…`), not two.
 */
function simulatorsStayInside() {
  return [0, 1, 2, 3].map((depth) => ({
    files: [`src/simulators/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1},}|^/|^src/`,
              message: 'src/simulators/ is a program of its own: it imports nothing outside src/simulators/.',
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'dist/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment only in src/config.ts.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // The simulators are a program of their own, written from the provider docs alone: nothing
  // in src/simulators/ reaches out of it, and the gateway reaches them only through src/demo/.
  ...simulatorsStayInside(),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/simulators/**', 'src/demo/**', 'src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: SIMULATORS, message: GATEWAY_TO_SIMULATORS },
            {
              regex: '(^|/)demo(/|$)',
              message: 'Gateway code does not import the demo wiring (src/demo/).',
            },
          ],
        },
      ],
    },
  },
  {
    // main.ts starts the demo, through src/demo/ only.
    files: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: SIMULATORS, message: GATEWAY_TO_SIMULATORS }] },
      ],
    },
  },
);
