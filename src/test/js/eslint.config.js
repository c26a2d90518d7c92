// ESLint for the JavaScript client, the demo page's scripts and their tests. Run from the
// repository's root by check.sh (`bash src/test/js/check.sh`, part of `mvn verify`).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['**/node_modules/**', 'target/**', 'bench/**'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'array-callback-return': 'error',
      eqeqeq: ['error', 'smart'],
      'no-constructor-return': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  // The client and the demo page run in browsers.
  {
    files: ['src/main/webapp/js/**/*.js', 'src/main/webapp/admin/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  // The tests run on Node; the browser tests' page.evaluate callbacks run in the page.
  { files: ['src/test/js/**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  { files: ['src/test/js/e2e/**/*.mjs', 'src/test/js/admin/**/*.mjs'], languageOptions: { globals: globals.browser } },
];
