"""Prints a mode-report JSON document (read from the file named by the
argument) one section per line, then the total, so that FileCheck can match
each one whole. Fails if the document is not valid JSON or lacks a key."""

import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)
if sorted(report) != ["sections", "total"]:
    sys.exit("unexpected top-level keys: %s" % sorted(report))
for section in report["sections"]:
    print("section " + json.dumps(section))
print("total " + json.dumps(report["total"]))
