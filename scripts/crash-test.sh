#!/usr/bin/env bash
# Crash durability: runs write load (clients created through the API), kill -9s the server at
# random moments, restarts it on the same SQLite file, and checks that every client acknowledged
# with 201 is there and that PRAGMA integrity_check is ok.
#
#   scripts/crash-test.sh [ROUNDS]     (default 3; docs/reliability.md reports 20)
#
# BIZD_CRASH_PROFILE=release tests a release build; BIZD_CRASH_SEED fixes the kill moments.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
profile="${BIZD_CRASH_PROFILE:-debug}"
if [ "$profile" = release ]; then
    cargo build --quiet --locked --release -p bizd --bin bizd
else
    cargo build --quiet --locked -p bizd --bin bizd
fi
exec python3 scripts/crash_test.py "target/$profile/bizd" "$rounds"
