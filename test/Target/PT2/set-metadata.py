#!/usr/bin/env python3
"""Writes a copy of a .pt2 archive with one metadata entry of one node set:

    set-metadata.py IN.pt2 NODE KEY TEXT OUT.pt2
    set-metadata.py IN.pt2 --graph-module KEY TEXT OUT.pt2

sets `metadata[KEY] = TEXT` (a string, as every node metadata value is) on
the node named NODE of each model, or on each model's graph module; every
other entry is copied as it is.
Needs no torch.
"""
import json
import sys
import zipfile


def main():
    source, node_name, key, text, target = sys.argv[1:]
    found = False
    with zipfile.ZipFile(source) as archive, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            parts = info.filename.split("/")
            if len(parts) == 3 and parts[1] == "models" and parts[2].endswith(".json"):
                program = json.loads(data)
                if node_name == "--graph-module":
                    program["graph_module"]["metadata"][key] = text
                    found = True
                for node in program["graph_module"]["graph"]["nodes"]:
                    if node["name"] == node_name:
                        node["metadata"][key] = text
                        found = True
                data = json.dumps(program).encode()
            out.writestr(info, data)
    if not found:
        sys.exit(f"no node '{node_name}' in {source}")


if __name__ == "__main__":
    main()
