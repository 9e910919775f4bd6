#!/usr/bin/env python3
"""Rewrites the model JSON of an archive pretty-printed, one value a line
(json.dumps(indent=0): every node starts a line), into a new archive in
Python zipfile's layout, which mode reads. Prints the line and column of
the node whose target is TARGET, for FileCheck to compare with mode's
locations.

    pretty-json.py IN OUT TARGET
"""
import json
import sys
import zipfile

source, output, target = sys.argv[1:]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(output, "w") as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename.endswith("/models/model.json"):
            text = json.dumps(json.loads(data), indent=0)
            start = text.rindex("\n{", 0, text.index(f'"target": "{target}"')) + 1
            print(f"node at {text.count(chr(10), 0, start) + 1}:"
                  f"{start - text.rindex(chr(10), 0, start)}")
            data = text.encode()
        zout.writestr(info, data)
