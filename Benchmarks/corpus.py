#!/usr/bin/env python3
"""A deterministic organisation at scale, for benchmarks and the parallel-parsing test.

    python3 Benchmarks/corpus.py N OUT-DIR [--files K] [--pitfalls P]

writes the DESIGN §1 model at scale N: N systems, 3N integrations, N/10 goals, N/5
initiatives, with a share P of the items (default 0.1) carrying a planted pitfall of
every kind the built-in pack checks, the inventory split over K files (default: one
per 1,000 systems). `--pitfalls 0.6` gives about three findings per system, the
findings-heavy corpus of bench.py. The same arguments give the same bytes.
"""
import os
import random
import sys

CATEGORIES = [("customer-pii", "high"), ("payments", "high"), ("employee-records", "high"),
              ("orders", "medium"), ("stock-levels", "low"), ("product-catalog", "low"), ("web-analytics", "low")]
TEAMS = ["store-ops", "it-ops", "ecommerce", "finance", "hr", "logistics", "marketing", "service"]
PEOPLE = ["ceo", "cio", "cfo", "coo", "head-of-sales", "head-of-hr"]
OWNERS = TEAMS + PEOPLE
VAGUE = ["Improve", "Modernise", "Streamline", "Transform", "Optimise"]


# The share of items with a planted pitfall (--pitfalls).
RATE = 0.1


def chance(rnd):
    return rnd.random() < RATE


def strategy(n, rnd, goals, system_ids):
    out = ["kind: Strategy", "organization: Benchmark Retail", "horizon: 2026-2028", "owner: ceo",
           "review: { cadence: quarterly, last_reviewed: 2026-09-30 }",
           "governance: { steering_committee: [ceo, cio, cfo] }",
           f"budget: {{ total: {n * 4000}, currency: EUR }}",
           f"teams: [{', '.join(TEAMS)}]", f"people: [{', '.join(PEOPLE)}]", "goals:"]
    for g in goals:
        fields = {"id": g, "title": f"Grow revenue in {g} from 1.0M to 1.2M EUR by 2027", "owner": rnd.choice(OWNERS),
                  "metric": "revenue (EUR)", "target": "1200000", "deadline": "2027-12-31"}
        if chance(rnd):
            pitfall = rnd.randrange(6)
            if pitfall == 0: del fields["metric"]
            elif pitfall == 1: fields["target"] = "much higher"
            elif pitfall == 2: del fields["deadline"]
            elif pitfall == 3: fields["title"] = f"{rnd.choice(VAGUE)} the way we work in {g}"
            elif pitfall == 4: del fields["owner"]
            else: fields["deadline"] = "2025-06-30"
        out.append("  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()))
    out.append("initiatives:")
    for i in range(max(1, n // 5)):
        # Three consecutive systems: the integrations chain neighbours, so they connect.
        first = (i * 5) % max(1, len(system_ids) - 2)
        systems = system_ids[first:first + 3]
        goal = rnd.choice(goals)
        kind = rnd.choice(["it", "digital"])
        kpi = "online conversion rate" if kind == "digital" else "stock accuracy"
        f = {"id": f"init-{i}", "title": f"Initiative {i}", "type": kind, "owner": rnd.choice(OWNERS),
             "supports": f"[{goal}]", "systems": f"[{', '.join(systems)}]", "budget": "3000",
             "business_case": "{ expected_benefit: 5k EUR a year, payback_months: 8 }",
             "kpis": f"[{{ name: {kpi}, target: 95%, goal: {goal} }}]",
             "stakeholders": "[store managers]",
             "employee_input": "{ consulted: [store managers], training: 1-hour session }",
             "security_review": "2026-05-01", "review": "{ cadence: monthly }"}
        if chance(rnd):
            pitfall = rnd.randrange(12)
            if pitfall == 0: f["supports"] = "[]"
            elif pitfall == 1: f["supports"] = f"[{goal}, no-such-goal-{i}]"
            elif pitfall == 2: del f["stakeholders"]
            elif pitfall == 3: f["employee_input"] = "{ training: 1-hour session }"
            elif pitfall == 4: f["employee_input"] = "{ consulted: [store managers] }"
            elif pitfall == 5: del f["kpis"]
            elif pitfall == 6: del f["review"]
            elif pitfall == 7: del f["business_case"]
            elif pitfall == 8: f["business_case"] = "{ expected_benefit: happier customers }"
            elif pitfall == 9: del f["owner"]
            elif pitfall == 10: del f["type"]
            else: del f["security_review"]
        out.append("  - " + "\n    ".join(f"{k}: {v}" for k, v in f.items()))
    return "\n".join(out) + "\n"


def system(i, rnd, goals):
    cats = rnd.sample(CATEGORIES[:6], 2)
    f = {"id": f"sys-{i}", "name": f"System {i}", "owner": rnd.choice(OWNERS), "lifecycle": "active",
         "hosting": rnd.choice(["saas", "cloud", "on-prem"]), "supports": f"[{rnd.choice(goals)}]",
         "data": f"[{', '.join(c for c, _ in cats)}]"}
    security = {"mfa": "true", "encryption_at_rest": "true", "backups": "{ frequency: daily, tested: 2026-06-01 }",
                "last_audit": "2026-03-01", "vendor_access": "{ policy: least-privilege, reviewed: 2026-01-10 }"}
    if chance(rnd):
        pitfall = rnd.randrange(11)
        if pitfall == 0: f["supports"] = "[]"
        elif pitfall == 1: security["mfa"] = "false"
        elif pitfall == 2: del security["encryption_at_rest"]
        elif pitfall == 3: del security["backups"]
        elif pitfall == 4: security["last_audit"] = "2024-01-15"
        elif pitfall == 5: f["hosting"] = "saas"; del security["vendor_access"]
        elif pitfall == 6: del f["owner"]
        elif pitfall == 7: f["owner"] = "nobody-we-know"
        elif pitfall == 8: f["data"] = "[customer-pi]"
        elif pitfall == 9: f["supports"] = rnd.choice(goals)
        else: f["id"] = f"sys-{max(0, i - 1)}"
    lines = ["  - " + "\n    ".join(f"{k}: {v}" for k, v in f.items())]
    lines.append("    security:\n" + "\n".join(f"      {k}: {v}" for k, v in security.items()))
    return "\n".join(lines)


def integration(rnd, n, a=None):
    """From system `a` (random if None) to its neighbour (if `a` is given) or at random."""
    a, b = (a, (a + 1) % n) if a is not None else (rnd.randrange(n), rnd.randrange(n))
    via, data = "api", "orders"
    if chance(rnd):
        pitfall = rnd.randrange(2)
        if pitfall == 0: b = f"gone-{b}"
        else: via, data = "file", "payments"
    to = b if isinstance(b, str) else f"sys-{b}"
    return f"  - {{ from: sys-{a}, to: {to}, via: {via}, data: [{data}] }}"


def generate(n, out, files=None):
    rnd = random.Random(20261122 + n)
    files = files or max(1, n // 1000)
    goals = [f"goal-{i}" for i in range(max(1, n // 10))]
    system_ids = [f"sys-{i}" for i in range(n)]
    os.makedirs(os.path.join(out, "inventory"), exist_ok=True)
    with open(os.path.join(out, "strategy.yaml"), "w") as f:
        f.write(strategy(n, rnd, goals, system_ids))
    with open(os.path.join(out, "inventory", "data.yaml"), "w") as f:
        f.write("kind: Inventory\ndata_categories:\n")
        f.write("".join(f"  - {{ id: {c}, sensitivity: {s} }}\n" for c, s in CATEGORIES))
    per = -(-n // files)
    for k in range(files):
        lo, hi = k * per, min(n, (k + 1) * per)
        if lo >= hi:
            break
        body = ["kind: Inventory", "systems:"] + [system(i, rnd, goals) for i in range(lo, hi)]
        body += ["integrations:"] + [integration(rnd, n, a) for a in range(lo, hi)]
        body += [integration(rnd, n) for _ in range(2 * (hi - lo))]
        with open(os.path.join(out, "inventory", f"systems-{k:04d}.yaml"), "w") as f:
            f.write("\n".join(body) + "\n")
    # A business unit's own strategy: its review is overdue and its initiatives overrun
    # its budget (the document-level pitfalls).
    with open(os.path.join(out, "strategy-online.yaml"), "w") as f:
        f.write("kind: Strategy\nreview: { cadence: quarterly, last_reviewed: 2025-01-31 }\n"
                "budget: { total: 5000, currency: EUR }\ninitiatives:\n"
                f"  - {{ id: online-a, title: Online A, type: digital, owner: ceo, supports: [{goals[0]}], budget: 4000,\n"
                "      business_case: { expected_benefit: 2k EUR a year }, kpis: [{ name: online orders, target: 5% }],\n"
                "      stakeholders: [web team], employee_input: { consulted: [web team], training: none needed },\n"
                "      review: { cadence: monthly } }\n"
                f"  - {{ id: online-b, title: Online B, type: digital, owner: ceo, supports: [{goals[0]}], budget: 4000,\n"
                "      business_case: { expected_benefit: 2k EUR a year }, kpis: [{ name: online orders, target: 5% }],\n"
                "      stakeholders: [web team], employee_input: { consulted: [web team], training: none needed },\n"
                "      review: { cadence: monthly } }\n")
    # One export that forgot its kind.
    with open(os.path.join(out, "inventory", "export.yaml"), "w") as f:
        f.write("systems:\n  - { id: exported-crm }\n")


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    global RATE
    files = None
    if "--files" in args:
        i = args.index("--files")
        files = int(args[i + 1])
        del args[i:i + 2]
    if "--pitfalls" in args:
        i = args.index("--pitfalls")
        RATE = float(args[i + 1])
        del args[i:i + 2]
    generate(int(args[0]), args[1], files)


if __name__ == "__main__":
    main()
