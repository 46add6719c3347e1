#!/usr/bin/env bash
# Maven's entry into the npm build: install exactly the lockfile's packages when they changed, then run the
# npm script named by $1 (build or test). npm comes from the machine (Debian's nodejs/npm, Node 20+).
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js 20 and npm (apt-get install nodejs npm)" >&2; exit 2; }
stamp=node_modules/.onegrid-lock
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  echo "dashboard: npm ci (package-lock.json changed or first build)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
exec npm run --silent "$1"
