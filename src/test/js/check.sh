#!/usr/bin/env bash
# Static checks of the JavaScript client, the demo page's scripts and the JavaScript tests, run by
# `mvn verify` after install.sh: ESLint (eslint.config.js), Prettier's formatting (.prettierrc.json)
# and `tsc --noEmit` over the client's declarations and types/usage.ts, which uses the public API
# as docs/client.md shows it (types/tsconfig.json). Any finding fails. `check.sh --fix` applies ESLint's fixes and Prettier's format first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
bin="$here/node_modules/.bin"
lint=(--config "$here/eslint.config.js" --max-warnings 0 src/main/webapp/js src/test/js)
format=(--config "$here/.prettierrc.json" --log-level warn 'src/main/webapp/js/**/*.{js,ts}' 'src/test/js/**/*.{js,mjs,ts}')

if [ "${1:-}" = --fix ]; then
  "$bin/eslint" --fix "${lint[@]}" || true
  "$bin/prettier" --write "${format[@]}"
fi
echo "ESLint"
"$bin/eslint" "${lint[@]}"
echo "Prettier"
"$bin/prettier" --check "${format[@]}"
echo "tsc"
"$bin/tsc" -p src/test/js/types/tsconfig.json
