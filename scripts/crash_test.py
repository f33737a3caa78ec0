"""Crash durability: write load, kill -9 at a random moment, restart on the same SQLite file,
and check that every write the server acknowledged survived and the database is intact.

Run through scripts/crash-test.sh, which builds the binary; standard library only.
    python3 scripts/crash_test.py BINARY ROUNDS
"""

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PARTNER = "crash-test-partner-token-5c1d"
LOGIN = "crash@bizd.local"
PASSWORD = "crash-test-password"
WRITERS = 4


def start(binary, work):
    env = dict(
        os.environ,
        BIZD_LISTEN="127.0.0.1:0",
        BIZD_DATABASE_URL=f"sqlite://{work}/crash.db",
        BIZD_DATA_DIR=f"{work}/data",
        BIZD_LOG="warn",
        BIZD_BOOTSTRAP_PARTNER_TOKEN=PARTNER,
        BIZD_BOOTSTRAP_LOGIN=LOGIN,
        BIZD_BOOTSTRAP_PASSWORD=PASSWORD,
    )
    log = open(f"{work}/server.log", "ab")
    proc = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.PIPE, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline().decode()
        match = re.search(r"bizd listening on (http://\S+)", line)
        if match:
            return proc, match.group(1) + "/api/v1"
        if not line and proc.poll() is not None:
            break
    proc.kill()
    sys.exit(f"bizd did not start; see {work}/server.log")


def call(base, method, path, body=None, auth=None, timeout=10):
    req = urllib.request.Request(
        base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": auth or f"Bearer {PARTNER}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, json.load(response)


def integrity(work):
    db = sqlite3.connect(f"{work}/crash.db")
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def main():
    binary, rounds = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(os.environ.get("BIZD_CRASH_SEED", "0")) or None)
    work = tempfile.mkdtemp(prefix="bizd-crash.")
    acknowledged = {}  # client id -> phone
    auth = location = None
    total_killed_in_flight = 0
    started = time.time()
    for round_no in range(1, rounds + 1):
        proc, base = start(binary, work)
        if auth is None:
            _, answer = call(base, "POST", "/auth", {"login": LOGIN, "password": PASSWORD})
            auth = f"Bearer {PARTNER}, User {answer['data']['user_token']}"
            _, answer = call(base, "GET", "/companies?my=1", auth=auth)
            location = answer["data"][0]["id"]
        # Everything acknowledged so far must be there after the previous kill.
        for client_id, phone in acknowledged.items():
            status, answer = call(base, "GET", f"/client/{location}/{client_id}", auth=auth)
            if status != 200 or str(answer["data"]["phone"]) != phone:
                sys.exit(f"round {round_no}: acknowledged client {client_id} lost: {answer}")

        stop = threading.Event()
        lock = threading.Lock()
        in_flight = [0]

        def writer(w):
            seq = 0
            while not stop.is_set():
                seq += 1
                phone = f"1{round_no:03}{w}{seq:06}"
                try:
                    with lock:
                        in_flight[0] += 1
                    status, answer = call(
                        base, "POST", f"/clients/{location}",
                        {"name": f"Crash {round_no}-{w}-{seq}", "phone": phone}, auth=auth)
                    if status == 201:
                        with lock:
                            acknowledged[answer["data"]["id"]] = phone
                except (urllib.error.URLError, ConnectionError, OSError):
                    return  # the server is gone
                finally:
                    with lock:
                        in_flight[0] -= 1

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
        before = len(acknowledged)
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.3, 1.5))
        with lock:
            killed_in_flight = in_flight[0]
        total_killed_in_flight += killed_in_flight
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
        check = integrity(work)
        if check != "ok":
            sys.exit(f"round {round_no}: integrity_check: {check}")
        print(f"round {round_no}: {len(acknowledged) - before} writes acknowledged, "
              f"killed with {killed_in_flight} in flight, integrity ok", flush=True)

    # A last start: every acknowledged client is there, found one by one and in the list.
    proc, base = start(binary, work)
    try:
        for client_id, phone in acknowledged.items():
            status, answer = call(base, "GET", f"/client/{location}/{client_id}", auth=auth)
            if status != 200 or str(answer["data"]["phone"]) != phone:
                sys.exit(f"acknowledged client {client_id} lost: {answer}")
        _, answer = call(base, "GET", f"/clients/{location}?count=1", auth=auth)
        stored = answer["meta"]["total_count"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    check = integrity(work)
    if check != "ok":
        sys.exit(f"after the last start: integrity_check: {check}")
    print(f"crash test: {rounds} kill -9 rounds, {len(acknowledged)} acknowledged writes, "
          f"{total_killed_in_flight} requests cut off by the kills, all {len(acknowledged)} present ({stored} stored: the rest were committed but not "
          f"acknowledged before the kill), PRAGMA integrity_check ok, "
          f"{time.time() - started:.0f} s")
    subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
