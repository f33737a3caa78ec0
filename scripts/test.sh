#!/usr/bin/env bash
# The whole test suite, from a fresh machine: formatting, lints, unit and integration tests on
# SQLite and again on PostgreSQL (a throwaway cluster started here), validation of the
# generated OpenAPI document, a short schemathesis run against the real server and a short
# kill -9 durability test. Installs what it needs (PostgreSQL from the OS packages).
set -euo pipefail
cd "$(dirname "$0")/.."

pg_dir=""
pg_bin=""
pg_user=""
spec=""
cleanup() {
    if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [ -n "$pg_dir" ] && rm -rf "$pg_dir"
    [ -n "$spec" ] && rm -f "$spec"
    return 0
}
trap cleanup EXIT
# Turn signals into an exit so the EXIT trap stops the cluster on Ctrl-C or a CI cancel too.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# PostgreSQL refuses to run as root: as root, run its tools as an unprivileged user.
as_pg() {
    if [ -n "$pg_user" ]; then
        (cd "$pg_dir" && runuser -u "$pg_user" -- "$@")
    else
        "$@"
    fi
}

find_pg_bin() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    # Debian keeps the server binaries off PATH, one directory per major version.
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

# Starts a throwaway cluster on a free loopback port and exports TEST_DATABASE_URL for it.
start_postgres() {
    pg_bin="$(find_pg_bin || true)"
    if [ -z "$pg_bin" ]; then
        echo "PostgreSQL not found: installing it from the OS packages"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        pg_bin="$(find_pg_bin)"
    fi
    if [ "$(id -u)" -eq 0 ]; then
        # Under /tmp, not $TMPDIR: the unprivileged user must be able to reach the directory.
        pg_dir="$(mktemp -d /tmp/bizd-pg.XXXXXX)"
        if id postgres >/dev/null 2>&1; then pg_user=postgres; else pg_user=nobody; fi
        chown "$pg_user" "$pg_dir"
    else
        pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/bizd-pg.XXXXXX")"
    fi
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U bizd --auth=trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 ||
        { cat "$pg_dir/initdb.log"; return 1; }
    # Durability off: the cluster lives for one test run. Many connections: tests run in parallel.
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        start >/dev/null || { cat "$pg_dir/server.log"; return 1; }
    export TEST_DATABASE_URL="postgres://bizd@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $pg_dir)"
}

echo "== toolchain"
cargo --version
rustup component list --installed 2>/dev/null | grep -Eq '^(rustfmt|clippy)' || rustup component add rustfmt clippy || true

echo "== format"
cargo fmt --all -- --check

echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== PostgreSQL"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
    # A server of your own (the role needs CREATEDB; test databases are left behind).
    echo "using TEST_DATABASE_URL from the environment"
else
    start_postgres
fi

nextest=0
cargo nextest --version >/dev/null 2>&1 && nextest=1

# Both passes run even when the first fails, so one CI run shows every failure.
failed=""
echo "== tests on SQLite"
if [ "$nextest" = 1 ]; then
    env -u TEST_DATABASE_URL cargo nextest run --workspace --locked --no-fail-fast || failed="$failed sqlite"
else
    # No doc tests in the workspace: leave them out so the last summary counts real tests.
    env -u TEST_DATABASE_URL cargo test --workspace --locked --no-fail-fast --lib --bins --tests ||
        failed="$failed sqlite"
fi

echo "== tests on PostgreSQL"
# The same binaries again (no rebuild). Tests that spawn the binary are SQLite-only unless their
# name says postgres; unit tests do not touch a database.
if [ "$nextest" = 1 ]; then
    cargo nextest run -p bizd --test api --locked --no-fail-fast \
        -E 'not (test(/^cli::/) and not test(/postgres/))' || failed="$failed postgres"
else
    cargo test -p bizd --test api --locked --no-fail-fast || failed="$failed postgres"
fi
if [ -n "$failed" ]; then
    echo "tests failed on:$failed" >&2
    exit 1
fi

echo "== OpenAPI document"
venv="${TMPDIR:-/tmp}/bizd-test-venv"
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check openapi-spec-validator
fi
spec="$(mktemp)"
cargo run --quiet --locked -p bizd -- openapi > "$spec"
"$venv/bin/openapi-spec-validator" "$spec"

echo "== fuzzing the running server (schemathesis)"
# BIZD_FUZZ_SECONDS sets the budget (0 skips: only to bisect a failure elsewhere).
if [ "${BIZD_FUZZ_SECONDS:-45}" != 0 ]; then
    ./scripts/fuzz.sh "${BIZD_FUZZ_SECONDS:-45}"
fi

echo "== crash durability (kill -9 under write load)"
./scripts/crash-test.sh 3
echo "all checks passed"
