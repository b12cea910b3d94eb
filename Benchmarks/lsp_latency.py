#!/usr/bin/env python3
"""Latency of `stratlint lsp`: from an edit to its diagnostics (issue 20).

    swift build -c release && python3 Benchmarks/lsp_latency.py [--edits N]

Starts the release build's language server in a folder, as an editor does (initialize,
initialized, didOpen), then sends N edits one at a time (didChange, full text: a
comment line appended and taken away in turn) and times each from the moment it is
written to the moment the server publishes that document's diagnostics. Two
workspaces: the example organisation (fixtures/acme-retail) and the generated
1,000-system workspace of bench.py, against the pre-commit case on it (one file
checked with --workspace, the load cache warm). Prints medians and the 90th
percentile, and each target with its status.
"""
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ROOT, STRATLINT, TODAY, corpus, median_run, run  # noqa: E402


class Client:
    """A language client over the server's pipes."""

    def __init__(self, folder):
        self.p = subprocess.Popen([STRATLINT, "lsp", "--today", TODAY], cwd=folder,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                sys.exit("the language server ended early")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.next_id and "method" not in m:
                return m

    def diagnostics(self, uri):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]

    def close(self):
        self.request("shutdown", None)
        self.send({"method": "exit"})
        self.p.wait(timeout=30)


def latency(folder, name, edits):
    """First check (ms), and the milliseconds from each edit to its diagnostics."""
    path = os.path.join(folder, name)
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    c = Client(folder)
    c.request("initialize", {"processId": None, "rootUri": "file://" + folder, "capabilities": {}})
    c.send({"method": "initialized", "params": {}})
    start = time.perf_counter()
    c.send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    c.diagnostics(uri)
    first = (time.perf_counter() - start) * 1000
    times = []
    for n in range(edits):
        edited = text + ("# edited\n" if n % 2 == 0 else "")
        start = time.perf_counter()
        c.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": edited}]}})
        c.diagnostics(uri)
        times.append((time.perf_counter() - start) * 1000)
    c.close()
    return first, times


def describe(label, first, times):
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{label}: first check {first:.1f} ms; edit to diagnostics median {statistics.median(times):.1f} ms, "
          f"90th percentile {p90:.1f} ms ({len(times)} edits)")
    return statistics.median(times)


def main():
    edits = 30
    if "--edits" in sys.argv:
        edits = int(sys.argv[sys.argv.index("--edits") + 1])
    example = os.path.join(ROOT, "fixtures", "acme-retail")
    small = describe("example organisation (fixtures/acme-retail, strategy.yaml)", *latency(example, "strategy.yaml", edits))
    folder, _ = corpus(1000)
    large = describe("1,000-system workspace (inventory/data.yaml)", *latency(folder, os.path.join("inventory", "data.yaml"), edits))
    hook = [STRATLINT, "check", "--today", TODAY, "--workspace", folder, os.path.join(folder, "inventory", "data.yaml")]
    run(hook)
    hook_wall, _, _ = median_run(hook, 10)
    print(f"pre-commit case on the same workspace (check --workspace, cache warm): {hook_wall * 1000:.1f} ms")
    print("targets (issue 20):")
    print(f"  example: edit to diagnostics under 50 ms: {small:.1f} ms, {'met' if small < 50 else 'NOT MET'}")
    ratio = large / (hook_wall * 1000)
    print(f"  1,000 systems: within 3x the pre-commit case: {ratio:.2f}x, {'met' if ratio <= 3 else 'NOT MET'}")


if __name__ == "__main__":
    main()
