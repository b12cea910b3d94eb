#!/usr/bin/env python3
"""A first scale benchmark for `stratlint check` (issue 5 grows it into the full one).

Generates a deterministic organisation of N systems (3N integrations, N/10 goals,
N/5 initiatives; same bytes for the same N) and prints the median wall time and peak
RSS of a release build over it.

    swift build -c release && python3 Benchmarks/scale.py 1000 5000 10000
"""
import os, random, resource, subprocess, sys, tempfile, time

CATEGORIES = ["customer-pii", "payments", "stock-levels", "orders", "product-catalog", "employee-records"]


def generate(n, folder):
    rnd = random.Random(n)
    goals = [f"g{i}" for i in range(max(1, n // 10))]
    with open(os.path.join(folder, "strategy.yaml"), "w") as f:
        f.write("kind: Strategy\ngoals:\n")
        for g in goals:
            f.write(f"  - {{ id: {g}, title: Grow revenue by 5% in {g}, metric: revenue, target: 5, deadline: 2027-01-01 }}\n")
        f.write("initiatives:\n")
        for i in range(n // 5):
            systems = ", ".join(f"s{rnd.randrange(n)}" for _ in range(3))
            f.write(f"  - {{ id: i{i}, supports: [{rnd.choice(goals)}], systems: [{systems}], security_review: 2026-01-01 }}\n")
    with open(os.path.join(folder, "inventory.yaml"), "w") as f:
        f.write("kind: Inventory\nsystems:\n")
        for i in range(n):
            data = ", ".join(rnd.sample(CATEGORIES, 2))
            f.write(f"  - id: s{i}\n    lifecycle: active\n    supports: [{rnd.choice(goals)}]\n    data: [{data}]\n"
                    "    security: { mfa: true, encryption_at_rest: true, backups: { frequency: daily }, last_audit: 2026-06-01 }\n")
        f.write("integrations:\n")
        for _ in range(3 * n):
            f.write(f"  - {{ from: s{rnd.randrange(n)}, to: s{rnd.randrange(n)}, via: api, data: [orders] }}\n")


def main():
    binary = os.path.join(os.path.dirname(__file__), "..", ".build", "release", "stratlint")
    if not os.access(binary, os.X_OK):
        sys.exit("build first: swift build -c release")
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000, 10000]
    print(f"{'systems':>8} {'MB':>6} {'median s':>9} {'peak RSS MB':>12}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            generate(n, folder)
            mb = sum(os.path.getsize(os.path.join(folder, x)) for x in os.listdir(folder)) / 1e6
            times = []
            for _ in range(5):
                start = time.perf_counter()
                subprocess.run([binary, "check", folder, "--today", "2026-11-22", "--format", "json"],
                               stdout=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{n:>8} {mb:>6.1f} {sorted(times)[2]:>9.3f} {rss:>12.0f}")


if __name__ == "__main__":
    main()
