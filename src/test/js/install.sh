#!/usr/bin/env bash
# Installs what the JavaScript tests need beyond JDK, Maven and Node: the npm packages of
# src/test/js (ws for the fake server, playwright-core; ESLint, Prettier and TypeScript for check.sh)
# and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium for the browser tests"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
