#!/usr/bin/env python3
"""Prints the nodes of each model of a .pt2 archive, one per line, as

    outputs = target(arg=value, kw:arg=value, ...)

with tensors by name, `[...]` for lists, `None`, and `metadata[...]` for
the records mode writes (keys `mode.*` of the metadata's `custom` entry,
which PyTorch keeps; `custom` is shown only when something else is in it). Reads a file or standard input
(`-`). For FileCheck: what a switch changed, node by node. Needs no torch.
"""
import io
import json
import sys
import zipfile


def value(arg):
    (key, v), = arg.items()
    if key == "as_tensor":
        return "%" + v["name"]
    if key == "as_tensors":
        return "[" + ", ".join("%" + t["name"] for t in v) + "]"
    if key == "as_none":
        return "None"
    if key == "as_optional_tensors":
        return "[" + ", ".join(value(t) for t in v) + "]"
    return json.dumps(v)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "-"
    if source == "-":
        source = io.BytesIO(sys.stdin.buffer.read())
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            if len(parts) != 3 or parts[1] != "models" or not parts[2].endswith(".json"):
                continue
            program = json.loads(archive.read(info))
            print(f"model {parts[2][:-5]}")
            for node in program["graph_module"]["graph"]["nodes"]:
                args = ", ".join(("kw:" if a.get("kind") == 2 else "") +
                                 f"{a['name']}={value(a['arg'])}" for a in node["inputs"])
                outputs = ", ".join(value(o) for o in node["outputs"])
                custom = json.loads(node["metadata"].get("custom", "{}"))
                mode_keys = [k for k in custom if k.startswith("mode.")]
                if len(mode_keys) != len(custom):
                    mode_keys.insert(0, "custom")
                extra = f" metadata[{', '.join(mode_keys)}]" if custom else ""
                print(f"  {outputs} = {node['target']}({args}){extra}")


if __name__ == "__main__":
    main()
