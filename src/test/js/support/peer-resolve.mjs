// Module resolution hooks for the tests (node:module `register`): the client's optional React
// module imports its peer dependency `react` by name, as an app's bundler resolves it; here it
// resolves from src/test/js/node_modules, where the tests' React is.
const tests = new URL('../package.json', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const peer = specifier === 'react' || specifier.startsWith('react/');
  if (peer && context.parentURL?.includes('/main/webapp/js/syncline/')) {
    return next(specifier, { ...context, parentURL: tests });
  }
  return next(specifier, context);
}
