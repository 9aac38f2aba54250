#!/usr/bin/env bash
# Regenerates every generated file (projen output, compiled API docs) and fails when that changes the tree:
# a stale generated file must never pass CI.
set -euo pipefail
snapshot() { git status --porcelain=v1 --untracked-files=all; git diff HEAD --binary; }
before=$(snapshot | sha256sum)
npx projen default
npx projen compile
npx projen post-compile
after=$(snapshot | sha256sum)
if [ "$before" != "$after" ]; then
  echo "Generated files are stale. Run 'npx projen && npx projen compile && npx projen post-compile' and commit:" >&2
  git status --short >&2
  exit 1
fi
