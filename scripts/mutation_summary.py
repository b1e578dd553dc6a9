#!/usr/bin/env python3
"""Mutation score per package (and overall) from PIT's mutations.xml; --survivors lists the rest."""
import sys, xml.etree.ElementTree as ET
from collections import defaultdict
path = sys.argv[1]
show = "--survivors" in sys.argv[2:]
total, killed, left = defaultdict(int), defaultdict(int), []
for m in ET.parse(path).getroot():
    cls = m.findtext("mutatedClass")
    pkg = cls.rsplit(".", 1)[0]
    total[pkg] += 1
    if m.get("detected") == "true":
        killed[pkg] += 1
    else:
        left.append((cls, int(m.findtext("lineNumber")), m.get("status"), m.findtext("mutatedMethod"),
                     m.findtext("description")))
if show:
    for cls, line, status, method, desc in sorted(left):
        print(f"{status:12} {cls}.{method}:{line}  {desc}")
    print()
print(f"{'package':22} {'killed':>7} {'total':>6} {'score':>6}")
for pkg in sorted(total):
    print(f"{pkg:22} {killed[pkg]:7} {total[pkg]:6} {100 * killed[pkg] / total[pkg]:5.1f}%")
t, k = sum(total.values()), sum(killed.values())
print(f"{'overall':22} {k:7} {t:6} {100 * k / t:5.1f}%")
