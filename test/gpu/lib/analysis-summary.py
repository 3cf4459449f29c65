#!/usr/bin/env python3
"""What compute-sanitizer or ncu found, in a few lines, for test/gpu/check.sh (no Node.js there).

    analysis-summary.py sanitizer LOG...   distinct errors as "kind  file:line  xcount", then
                                           "errors N" (N: the tool's ERROR SUMMARY counts added up,
                                           or the distinct errors found if that is more)
    analysis-summary.py ncu CSV            one line per kernel launch, then "kernels N", or
                                           "counters forbidden" (ERR_NVGPUCTRPERM)

A rough mirror of libs/common/src/analysis/{sanitizer,ncu}-report.ts, which the platform uses and
its tests cover: this only has to tell found from clean. The logs themselves are kept in the
results, as fixtures for those tests.
"""
import csv
import re
import sys

PLACE = re.compile(r"(?:at .*?\+0x[0-9a-f]+ in |at 0x[0-9a-f]+ in )([^\s:]+):(\d+)")
SUMMARY = re.compile(r"^=+ ERROR SUMMARY: (\d+) errors?")


def sanitizer(paths):
    errors, summary, current = {}, None, None
    for path in paths:
        for line in open(path, encoding="utf-8", errors="replace"):
            line = line.rstrip("\n")
            m = SUMMARY.match(line)
            if m:
                summary = (summary or 0) + int(m.group(1))
                continue
            if not line.startswith("="):
                continue
            body = line.lstrip("=")
            if body.startswith(" ") and not body.startswith("     ") and body.strip():
                headline = body.strip()
                if headline.startswith(("COMPUTE-SANITIZER", "RACECHECK SUMMARY", "LEAK SUMMARY")):
                    current = None
                    continue
                kind = "Race" if "Race reported" in headline else re.sub(r" of size \d+ bytes?", "", headline)
                place = PLACE.search(headline)
                current = [kind, "%s:%s" % (place.group(1).rsplit("/", 1)[-1], place.group(2)) if place else "?"]
                if place:
                    errors[tuple(current)] = errors.get(tuple(current), 0) + 1
                    current = None
            elif current is not None:
                place = PLACE.search(body)
                if place:
                    current[1] = "%s:%s" % (place.group(1).rsplit("/", 1)[-1], place.group(2))
                    errors[tuple(current)] = errors.get(tuple(current), 0) + 1
                    current = None
    for (kind, where), count in errors.items():
        print("  %-40s %-28s x%d" % (kind[:40], where, count))
    # The summary counts every occurrence; racecheck may print none: the distinct errors then.
    print("errors %d" % max(summary or 0, len(errors)))


def ncu(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    if "ERR_NVGPUCTRPERM" in text:
        print("counters forbidden")
        return
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith('"ID"') and '"Metric Name"' in l), None)
    kernels = {}
    if start is not None:
        for row in csv.DictReader(lines[start:]):
            k = kernels.setdefault(row.get("ID"), {"name": row.get("Kernel Name", "?")})
            k[row.get("Metric Name")] = "%s %s" % (row.get("Metric Value"), row.get("Metric Unit"))
    for k in kernels.values():
        print("  %-40s duration %-16s dram %-10s sm %-10s occupancy %-10s regs %s" % (
            k["name"][:40], k.get("Duration", "?"), k.get("DRAM Throughput", "?"),
            k.get("Compute (SM) Throughput", "?"), k.get("Achieved Occupancy", "?"), k.get("Registers Per Thread", "?")))
    print("kernels %d" % len(kernels))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "sanitizer":
        sanitizer(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "ncu":
        ncu(sys.argv[2])
    else:
        sys.exit(__doc__)
