#!/usr/bin/env python3
"""Prints the nodes of each model of a .pt2 archive, one per line, as

    outputs = target(arg=value, kw:arg=value, ...)

with tensors by name, `[...]` for lists, `None`, and `metadata[...]` for
the records mode writes (keys `mode.*` of the metadata's `custom` entry,
which PyTorch keeps; `custom` is shown only when something else is in it). Reads a file or standard input
(`-`). For FileCheck: what a switch changed, node by node. Needs no torch.

    print-nodes.py [--numbered] [--no-records] ARCHIVE

--numbered names each node's results %v0, %v1, ... in order and prints the
graph's outputs last (`return ...`), so that two programs that differ only
in node names (PyTorch numbers them by what was traced before) print the
same; --no-records leaves out the `mode.*` records.
"""
import io
import json
import sys
import zipfile


def value(arg, names):
    (key, v), = arg.items()
    if key == "as_tensor":
        return "%" + names.get(v["name"], v["name"])
    if key == "as_tensors":
        return "[" + ", ".join("%" + names.get(t["name"], t["name"]) for t in v) + "]"
    if key == "as_none":
        return "None"
    if key == "as_optional_tensors":
        return "[" + ", ".join(value(t, names) for t in v) + "]"
    return json.dumps(v)


def main():
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    positional = [a for a in sys.argv[1:] if a not in flags]
    numbered, no_records = "--numbered" in flags, "--no-records" in flags
    source = positional[0] if positional else "-"
    if source == "-":
        source = io.BytesIO(sys.stdin.buffer.read())
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            if len(parts) != 3 or parts[1] != "models" or not parts[2].endswith(".json"):
                continue
            program = json.loads(archive.read(info))
            print(f"model {parts[2][:-5]}")
            graph = program["graph_module"]["graph"]
            names = {}
            for node in graph["nodes"]:
                args = ", ".join(("kw:" if a.get("kind") == 2 else "") +
                                 f"{a['name']}={value(a['arg'], names)}" for a in node["inputs"])
                if numbered:
                    for o in node["outputs"]:
                        for t in ([o["as_tensor"]] if "as_tensor" in o else
                                  o.get("as_tensors", [])):
                            names[t["name"]] = f"v{len(names)}"
                outputs = ", ".join(value(o, names) for o in node["outputs"])
                custom = json.loads(node["metadata"].get("custom", "{}"))
                if no_records:
                    custom = {k: v for k, v in custom.items() if not k.startswith("mode.")}
                mode_keys = [k for k in custom if k.startswith("mode.")]
                if len(mode_keys) != len(custom):
                    mode_keys.insert(0, "custom")
                extra = f" metadata[{', '.join(mode_keys)}]" if custom else ""
                print(f"  {outputs} = {node['target']}({args}){extra}")
            if numbered:
                print("  return " + ", ".join(value(o, names) for o in graph["outputs"]))


if __name__ == "__main__":
    main()
