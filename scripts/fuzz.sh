#!/usr/bin/env bash
# Fuzzes the real server with schemathesis, driven by its own OpenAPI document.
#
#   scripts/fuzz.sh [SECONDS] [extra schemathesis options…]
#
# Builds bizd (debug; BIZD_FUZZ_PROFILE=release for a release build), starts `bizd serve` on a
# free loopback port with a temporary SQLite database and the BIZD_BOOTSTRAP_* credentials,
# signs in through POST /api/v1/auth, seeds a few clients and comments, and runs schemathesis (installed from
# PyPI into a venv under $TMPDIR) against /api/v1/openapi.json for SECONDS (default 60) with the
# checks: no 5xx, status codes, content types and bodies as documented. Exits non-zero on any
# failure; the server log is printed then. Example of a long run: scripts/fuzz.sh 1800
set -euo pipefail
cd "$(dirname "$0")/.."

budget="${1:-60}"
shift || true
profile="${BIZD_FUZZ_PROFILE:-debug}"
venv="${BIZD_FUZZ_VENV:-${TMPDIR:-/tmp}/bizd-fuzz-venv}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bizd-fuzz.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$venv/bin/st" ]; then
    echo "installing schemathesis into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi

if [ "$profile" = release ]; then
    cargo build --quiet --locked --release -p bizd --bin bizd
else
    cargo build --quiet --locked -p bizd --bin bizd
fi
bin="target/$profile/bizd"

partner="fuzz-partner-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
login="fuzz@bizd.local"
password="fuzz-password-123"
BIZD_LISTEN=127.0.0.1:0 \
    BIZD_DATABASE_URL="sqlite://$work/fuzz.db" \
    BIZD_DATA_DIR="$work/data" \
    BIZD_LOG="warn" \
    BIZD_BOOTSTRAP_PARTNER_TOKEN="$partner" \
    BIZD_BOOTSTRAP_LOGIN="$login" \
    BIZD_BOOTSTRAP_PASSWORD="$password" \
    "$bin" serve >"$work/stdout" 2>"$work/server.log" &
server=$!

base=""
for _ in $(seq 1 300); do
    base="$(sed -n 's/^bizd listening on \(http:\/\/[^ ]*\).*/\1/p' "$work/stdout" | head -n 1)"
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; echo "bizd did not start" >&2; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.log"; echo "bizd did not print its address" >&2; exit 1; }
echo "bizd at $base"

# Sign in, and give the fuzzer some data to find: clients 1–5 with a comment each.
user="$(BASE="$base" PARTNER="$partner" LOGIN="$login" PASSWORD="$password" python3 - <<'EOF'
import json, os, urllib.request
base, partner = os.environ["BASE"], os.environ["PARTNER"]
def call(method, path, body, auth):
    req = urllib.request.Request(base + "/api/v1" + path, method=method,
        data=json.dumps(body).encode(), headers={"Authorization": auth,
        "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["data"]
token = call("POST", "/auth", {"login": os.environ["LOGIN"], "password": os.environ["PASSWORD"]},
             "Bearer " + partner)["user_token"]
auth = f"Bearer {partner}, User {token}"
location = call("GET", "/companies?my=1", None, auth)[0]["id"]
spare = call("POST", "/companies", {"title": "Spare (for delete_location)"}, auth)["id"]
for i in range(5):
    client = call("POST", f"/clients/{location}",
                  {"name": f"Fuzz {i}", "phone": f"1315555{i:04}", "email": f"f{i}@x.test"}, auth)
    call("POST", f"/clients/{location}/clients/{client['id']}/comments", {"text": "seed"}, auth)
print(token, location, spare)
EOF
)"
read -r user location spare <<<"$user"

# Random location ids would almost all be 404s at the access check: pin `location_id` to the
# user's location so the handlers behind it are fuzzed (other ids come from schemathesis's
# pool of ids seen in answers), and let delete_location delete only a spare location.
cat >"$work/schemathesis.toml" <<EOF
[parameters]
"path.location_id" = $location

[[operations]]
include-operation-id = "delete_location"
parameters = { "path.location_id" = $spare }
EOF

echo "schemathesis for ${budget}s"
status=0
# Run in the temporary directory: schemathesis keeps a cache in its working directory (report
# paths given as options should therefore be absolute).
cd "$work"
run_schemathesis() {
    "$venv/bin/st" --config-file "$work/schemathesis.toml" run "$base/api/v1/openapi.json" \
        --url "$base/api/v1" \
        -H "Authorization: Bearer $partner, User $user" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
        --phases examples,coverage,fuzzing \
        --max-time "$budget" \
        --workers 2 \
        --seed "${BIZD_FUZZ_SEED:-1}" \
        --suppress-health-check all \
        --warnings off \
        "$@" 2>&1 | tee "$work/schemathesis.log"
}
run_schemathesis "$@" || status=$?
# Hypothesis describes each filter by re-parsing the source of its lambda, and CPython 3.11
# sometimes aborts that parse ("AST constructor recursion depth mismatch", seen once in a green
# suite on 2026-12-06): a crash of the tool, not a finding about bizd. Run once more then; any
# failed check still fails the run.
if [ "$status" != 0 ] && grep -q "AST constructor recursion depth mismatch" "$work/schemathesis.log" \
    && ! grep -q "FAILURES" "$work/schemathesis.log"; then
    echo "schemathesis crashed inside Hypothesis (a CPython AST bug): running it once more"
    status=0
    run_schemathesis "$@" || status=$?
fi
if [ "$status" != 0 ]; then
    echo "--- server log" >&2
    tail -n 50 "$work/server.log" >&2
fi
exit "$status"
