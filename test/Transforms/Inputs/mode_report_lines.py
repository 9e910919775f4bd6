"""Prints the mode-report JSON reports found in a file (the argument) one
section per line, so that FileCheck can match each one whole:

    report [at LOC]
    section {...}
    ...
    total {...}

A report is a line that is a JSON document (a top-level run: JSON Lines), or,
with --remarks, the JSON document of a remark `LOC: remark: {...}` (a nested
run); with --remarks, other lines (the source lines diagnostics quote) are
skipped. Fails if a report line is not valid JSON or lacks a key, or if a
line is neither a report nor skipped."""

import argparse
import json
import re
import sys

REMARK = re.compile(r"^(.*): remark: (\{.*)$")

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--remarks", action="store_true")
args = parser.parse_args()

with open(args.file) as f:
    for number, line in enumerate(f, 1):
        line = line.rstrip("\n")
        where = ""
        match = REMARK.match(line) if args.remarks else None
        if match:
            where, line = " at " + match.group(1), match.group(2)
        elif args.remarks:
            continue
        try:
            report = json.loads(line)
        except ValueError as error:
            sys.exit("line %d is not a JSON document: %s" % (number, error))
        if sorted(report) != ["sections", "total"]:
            sys.exit("line %d: unexpected top-level keys: %s"
                     % (number, sorted(report)))
        print("report" + where)
        for section in report["sections"]:
            print("section " + json.dumps(section))
        print("total " + json.dumps(report["total"]))
