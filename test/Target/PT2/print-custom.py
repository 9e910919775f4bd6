#!/usr/bin/env python3
"""Prints `name: custom` for each node of a .pt2 archive (file or `-`) whose
metadata has a `custom` entry, the text as it is; with --graph-module,
`graph_module: custom` for the graph module's metadata. Needs no torch."""
import io
import json
import sys
import zipfile


def main():
    source = sys.argv[1]
    if source == "-":
        source = io.BytesIO(sys.stdin.buffer.read())
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            if len(parts) == 3 and parts[1] == "models" and parts[2].endswith(".json"):
                gm = json.loads(archive.read(info))["graph_module"]
                if sys.argv[2:] == ["--graph-module"]:
                    if "custom" in gm["metadata"]:
                        print(f"graph_module: {gm['metadata']['custom']}")
                    continue
                for node in gm["graph"]["nodes"]:
                    if "custom" in node["metadata"]:
                        print(f"{node['name']}: {node['metadata']['custom']}")


if __name__ == "__main__":
    main()
