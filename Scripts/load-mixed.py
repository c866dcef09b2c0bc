#!/usr/bin/env python3
"""Mixed load for `laurel serve`: normal verifications while attackers upload worst-case badges.

    Scripts/load-mixed.py [--duration 30] [--attackers 4] [--normal 2] [--attack proofset150]
                          [--laurel PATH] [--serve-arg=--workers=2 ...]

Builds laurel in release mode (unless --laurel names a binary), makes a workspace with one signed badge and its
published status list (as Scripts/load-verify.sh does), starts `laurel serve --offline` on a free loopback port and
for --duration seconds runs, each role in a process of its own:

  * attackers (--attackers, default 4), each POSTing worst-case files to /api/verify in a loop. The kinds
    (--attack, comma-separated, cycled through) are
      proofset150  the badge with its proof replaced by 150 copies, each with its own id and a previousProof
                   naming all the others (about 315 KB; the verifier refuses more than 32 proofs),
      proofset32   the same with 32 proofs, the most that is still verified,
      contexts     the badge with 5,000 repeated "https://www.w3.org/ns/credentials/v2" @context entries;
  * normal clients (--normal, default 2), each POSTing the normal badge, pausing --pause seconds (default 0.01)
    between requests, and recording each request's latency;
  * a /healthz poller, one request every 50 ms.

It prints the attackers' request count and status codes, the normal requests' count, status codes and latency
percentiles (p50, p95, p99, max), /healthz latency (p99, max), the 503 counts and the machine's load average.

Pass thresholds (the exit status is 1 when one is missed):
  * every /healthz answer within 100 ms (max < 100 ms), all of them 200;
  * normal verifications' p99 latency under 1 s;
  * at least 99% of normal verifications answered 200.
Exit status 2 means the setup failed. Python 3.11 standard library only.
"""

import argparse
import copy
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HEALTHZ_MAX_SECONDS = 0.100
NORMAL_P99_SECONDS = 1.0
NORMAL_OK_SHARE = 0.99
HEALTHZ_INTERVAL = 0.050
ATTACK_KINDS = ("proofset150", "proofset32", "contexts")


def run(command, log):
    result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise SystemExit(f"load-mixed: failed: {' '.join(map(str, command))} (see {log.name})")


def build_laurel(root):
    print("load-mixed: building laurel (release)", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "laurel"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root, check=True,
                              capture_output=True, text=True).stdout.strip()
    return Path(bin_path) / "laurel"


def make_workspace(laurel, work):
    workspace = work / "issuer"
    badge = work / "badge.json"
    with open(work / "setup.log", "w") as log:
        run([laurel, "init", workspace, "--name", "Example College", "--url", "https://example.edu"], log)
        run([laurel, "achievement", "new", "--workspace", workspace, "--name", "Data Literacy",
             "--description", "Reads data critically and explains what it shows.",
             "--criteria", "Complete three tasks."], log)
        run([laurel, "issue", "--workspace", workspace, "--achievement", "data-literacy",
             "--recipient", "ada@example.org", "--out", badge], log)
        run([laurel, "status", "publish", "--workspace", workspace], log)
    return workspace, badge.read_bytes()


def proof_set(credential, count):
    """The credential with `count` copies of its proof, each naming every other one as previousProof."""
    proof = credential["proof"][0] if isinstance(credential["proof"], list) else credential["proof"]
    ids = [f"urn:p:{index}" for index in range(count)]
    out = copy.deepcopy(credential)
    out["proof"] = [dict(proof, id=own, previousProof=[other for other in ids if other != own]) for own in ids]
    return out


def attack_bodies(normal):
    credential = json.loads(normal)
    contexts = copy.deepcopy(credential)
    contexts["@context"] = ["https://www.w3.org/ns/credentials/v2"] * 5000 + credential["@context"][1:]
    made = {"proofset150": proof_set(credential, 150), "proofset32": proof_set(credential, 32), "contexts": contexts}
    return {kind: json.dumps(value).encode() for kind, value in made.items()}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection, reopened after any error or a `Connection: close` answer."""

    def __init__(self, port, timeout):
        self.port = port
        self.timeout = timeout
        self.connection = None

    def request(self, method, path, body=None):
        """Returns (status or an error name, seconds taken)."""
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            headers = {"Content-Type": "application/json"} if body is not None else {}
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            self.close()
        return status, time.perf_counter() - started

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def role_attacker(port, bodies, kinds, index, end, results):
    client = Client(port, timeout=120)
    statuses = Counter()
    step = index
    while time.monotonic() < end:
        kind = kinds[step % len(kinds)]
        step += 1
        status, _ = client.request("POST", "/api/verify", bodies[kind])
        statuses[f"{kind} {status}"] += 1
    results.put(("attack", dict(statuses), []))


def role_normal(port, body, pause, end, results):
    client = Client(port, timeout=60)
    statuses = Counter()
    latencies = []
    while time.monotonic() < end:
        status, seconds = client.request("POST", "/api/verify", body)
        statuses[str(status)] += 1
        latencies.append(seconds)
        if pause > 0:
            time.sleep(pause)
    results.put(("normal", dict(statuses), latencies))


def role_healthz(port, end, results):
    client = Client(port, timeout=30)
    statuses = Counter()
    latencies = []
    next_poll = time.monotonic()
    while time.monotonic() < end:
        status, seconds = client.request("GET", "/healthz")
        statuses[str(status)] += 1
        latencies.append(seconds)
        next_poll += HEALTHZ_INTERVAL
        time.sleep(max(0.0, next_poll - time.monotonic()))
    results.put(("healthz", dict(statuses), latencies))


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def main():
    parser = argparse.ArgumentParser(description="Mixed normal and worst-case load for laurel serve.")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (default 30)")
    parser.add_argument("--attackers", type=int, default=4, help="attacker connections (default 4)")
    parser.add_argument("--normal", type=int, default=2, help="normal clients (default 2)")
    parser.add_argument("--pause", type=float, default=0.01, help="a normal client's pause between requests, s")
    parser.add_argument("--attack", default="proofset150",
                        help="comma-separated kinds: " + ", ".join(ATTACK_KINDS) + " (default proofset150)")
    parser.add_argument("--laurel", help="a laurel binary to run instead of building one")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="an extra argument for laurel serve (repeatable), e.g. --serve-arg=--workers=2")
    options = parser.parse_args()
    kinds = [kind.strip() for kind in options.attack.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in ATTACK_KINDS]
    if unknown or (options.attackers > 0 and not kinds):
        parser.error(f"unknown attack kind: {', '.join(unknown) or '(none)'}")

    root = Path(__file__).resolve().parent.parent
    laurel = Path(options.laurel) if options.laurel else build_laurel(root)
    work = Path(tempfile.mkdtemp(prefix="laurel-load-mixed-"))
    server = None
    try:
        workspace, normal = make_workspace(laurel, work)
        bodies = attack_bodies(normal)
        port = free_port()
        serve_log = open(work / "serve.log", "w")
        server = subprocess.Popen(
            [laurel, "serve", "--workspace", workspace, "--host", "127.0.0.1", "--port", str(port), "--offline",
             *options.serve_arg], stdout=serve_log, stderr=subprocess.STDOUT)
        probe = Client(port, timeout=5)
        for _ in range(100):
            if probe.request("GET", "/healthz")[0] == 200:
                break
            time.sleep(0.1)
        else:
            print("load-mixed: the server did not start", file=sys.stderr)
            return 2
        status, _ = probe.request("POST", "/api/verify", normal)
        probe.close()
        if status != 200:
            print(f"load-mixed: the normal badge got {status}", file=sys.stderr)
            return 2

        sizes = ", ".join(f"{kind} {len(bodies[kind]) // 1024} KB" for kind in kinds)
        print(f"load-mixed: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
              f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; server: {laurel} {' '.join(options.serve_arg)}")
        print(f"load-mixed: {options.duration:g} s: {options.attackers} attackers ({sizes}), {options.normal} normal "
              f"clients ({len(normal)} bytes, pause {options.pause:g} s), /healthz every "
              f"{HEALTHZ_INTERVAL * 1000:.0f} ms", flush=True)
        results = multiprocessing.Queue()
        end = time.monotonic() + options.duration
        processes = [multiprocessing.Process(target=role_attacker, args=(port, bodies, kinds, index, end, results))
                     for index in range(options.attackers)]
        processes += [multiprocessing.Process(target=role_normal, args=(port, normal, options.pause, end, results))
                      for _ in range(options.normal)]
        processes.append(multiprocessing.Process(target=role_healthz, args=(port, end, results)))
        for process in processes:
            process.start()
        collected = {"attack": (Counter(), []), "normal": (Counter(), []), "healthz": (Counter(), [])}
        for _ in processes:
            role, statuses, latencies = results.get()
            collected[role][0].update(statuses)
            collected[role][1].extend(latencies)
        for process in processes:
            process.join()
        after_load = os.getloadavg()
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)

    def codes(counter):
        return ", ".join(f"{key}: {value}" for key, value in sorted(counter.items())) or "none"

    attack_statuses, _ = collected["attack"]
    normal_statuses, normal_latencies = collected["normal"]
    health_statuses, health_latencies = collected["healthz"]
    unavailable = {role: sum(v for k, v in collected[role][0].items() if k.split()[-1] == "503")
                   for role in collected}
    normal_total = sum(normal_statuses.values())
    normal_ok = normal_statuses.get("200", 0)
    print(f"attack:  {sum(attack_statuses.values())} requests ({codes(attack_statuses)})")
    print(f"normal:  {normal_total} requests ({codes(normal_statuses)}); latency p50 "
          f"{ms(percentile(normal_latencies, 0.50))}, p95 {ms(percentile(normal_latencies, 0.95))}, "
          f"p99 {ms(percentile(normal_latencies, 0.99))}, max {ms(max(normal_latencies, default=float('nan')))}")
    print(f"healthz: {sum(health_statuses.values())} requests ({codes(health_statuses)}); latency p99 "
          f"{ms(percentile(health_latencies, 0.99))}, max {ms(max(health_latencies, default=float('nan')))}")
    print(f"503:     attack {unavailable['attack']}, normal {unavailable['normal']}, healthz {unavailable['healthz']}")
    print(f"load average after: {after_load[0]:.2f} {after_load[1]:.2f} {after_load[2]:.2f}")

    failures = []
    health_max = max(health_latencies, default=float("inf"))
    if health_max >= HEALTHZ_MAX_SECONDS:
        failures.append(f"/healthz max {ms(health_max)} is not under {ms(HEALTHZ_MAX_SECONDS)}")
    if health_statuses.get("200", 0) != sum(health_statuses.values()):
        failures.append("a /healthz request was not answered 200")
    normal_p99 = percentile(normal_latencies, 0.99)
    if not normal_latencies or not normal_p99 < NORMAL_P99_SECONDS:
        failures.append(f"normal p99 {ms(normal_p99)} is not under {ms(NORMAL_P99_SECONDS)}")
    if normal_total == 0 or normal_ok < NORMAL_OK_SHARE * normal_total:
        failures.append(f"only {normal_ok} of {normal_total} normal requests were answered 200")
    for failure in failures:
        print(f"load-mixed: FAIL: {failure}")
    if not failures:
        print("load-mixed: PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
