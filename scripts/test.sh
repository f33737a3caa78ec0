#!/usr/bin/env bash
# The whole test suite, from a fresh machine: formatting, lints, unit and integration tests,
# and validation of the generated OpenAPI document. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== toolchain"
cargo --version
rustup component list --installed 2>/dev/null | grep -Eq '^(rustfmt|clippy)' || rustup component add rustfmt clippy || true

echo "== format"
cargo fmt --all -- --check

echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== tests"
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --locked --no-fail-fast
else
    # No doc tests in the workspace: leave them out so the last summary counts real tests.
    cargo test --workspace --locked --no-fail-fast --lib --bins --tests
fi

echo "== OpenAPI document"
venv="${TMPDIR:-/tmp}/bizd-test-venv"
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check openapi-spec-validator
fi
spec="$(mktemp)"
trap 'rm -f "$spec"' EXIT
cargo run --quiet --locked -p bizd -- openapi > "$spec"
"$venv/bin/openapi-spec-validator" "$spec"
echo "all checks passed"
