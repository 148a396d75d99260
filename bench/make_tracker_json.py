#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes a Debian security tracker JSON (/tracker/data/json layout) of realistic size for the
# import benchmark: the real file is ~60 MB and cannot be fetched here. Shape and proportions
# follow the real one: {source package: {CVE: {description, scope, debianbug?, releases:
# {codename: {status, repositories: {suite: version}, fixed_version?, urgency, nodsa?}}}}}.
# Deterministic (seeded). Usage: make_tracker_json.py OUT [CVES]   (default 60000 CVEs)
import json, random, sys

out = sys.argv[1]
cves = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
rng = random.Random(20261130)
releases = ["buster", "bullseye", "bookworm", "trixie", "sid"]
urgencies = ["unimportant", "low", "medium", "high", "not yet assigned", "low**", "medium**"]
packages = ["pkg%04d" % i for i in range(8000)]
words = ("buffer overflow use-after-free in the parser of crafted input allows remote attackers "
         "to cause a denial of service or possibly execute arbitrary code via").split()
data = {}
for n in range(cves):
    cve = "CVE-%d-%05d" % (2005 + n % 20, n)
    for pkg in rng.sample(packages, 1 if rng.random() < 0.85 else 2):
        rels = {}
        for rel in releases:
            r = {"repositories": {rel: "%d.%d-%d" % (rng.randint(0, 9), rng.randint(0, 30),
                                                      rng.randint(1, 5))},
                 "urgency": rng.choice(urgencies)}
            roll = rng.random()
            if roll < 0.65:
                r["status"] = "resolved"
                r["fixed_version"] = "0" if roll < 0.1 else r["repositories"][rel] + "+deb1u1"
            elif roll < 0.95:
                r["status"] = "open"
                if rng.random() < 0.5:
                    r["nodsa"] = "Minor issue"
            else:
                r["status"] = "undetermined"
            rels[rel] = r
        entry = {"description": " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))),
                 "scope": rng.choice(["local", "remote"]), "releases": rels}
        if rng.random() < 0.4:
            entry["debianbug"] = rng.randint(100000, 1100000)
        data.setdefault(pkg, {})[cve] = entry
with open(out, "w") as f:
    json.dump(data, f, separators=(",", ":"))
