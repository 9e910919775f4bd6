#!/usr/bin/env python3
"""Writes a copy of a .pt2 archive in which a module is called many times:

    repeat-node.py IN.pt2 NAMES COUNT OUT.pt2

NAMES are the results of a run of nodes, comma-separated (`add_,batch_norm`:
a batch norm's counter and the batch norm). The run is followed by
COUNT - 1 copies of itself, in which each node reads the copy before of
itself in place of its first tensor argument, as PyTorch writes a module
called again (the counter adds to the previous count, the batch norm
normalizes the previous result); what read a node's result reads its last
copy's. Every other entry is copied as it is. Needs no torch.
"""
import json
import sys
import zipfile


def result_name(node):
    return node["outputs"][0]["as_tensor"]["name"]


def repeat(program, names, count):
    graph = program["graph_module"]["graph"]
    nodes = graph["nodes"]
    first = next(i for i, node in enumerate(nodes) if result_name(node) == names[0])
    run = nodes[first:first + len(names)]
    assert [result_name(node) for node in run] == names, "not a run of nodes"
    previous = {name: name for name in names}
    copies = []
    for k in range(1, count):
        for node in run:
            name = result_name(node)
            # A copy of what changes; the rest (metadata) is shared.
            twin = dict(node)
            twin["inputs"] = list(node["inputs"])
            i = next(i for i, input in enumerate(twin["inputs"])
                     if "as_tensor" in input["arg"])
            twin["inputs"][i] = dict(twin["inputs"][i],
                                     arg={"as_tensor": {"name": previous[name]}})
            twin["outputs"] = [{"as_tensor": {"name": f"{name}_r{k}"}}]
            if "name" in twin:
                twin["name"] = f"{twin['name']}_r{k}"
            graph["tensor_values"][f"{name}_r{k}"] = graph["tensor_values"][name]
            copies.append(twin)
            previous[name] = f"{name}_r{k}"
    nodes[first + len(names):first + len(names)] = copies
    signature = program["graph_module"]["signature"]
    text = json.dumps([graph["outputs"], signature["output_specs"]])
    for name in names:
        text = text.replace(json.dumps({"name": name}),
                            json.dumps({"name": previous[name]}))
    graph["outputs"], signature["output_specs"] = json.loads(text)


def main():
    source, names, count, target = sys.argv[1:]
    with zipfile.ZipFile(source) as archive, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            parts = info.filename.split("/")
            if len(parts) == 3 and parts[1] == "models" and parts[2].endswith(".json"):
                program = json.loads(data)
                repeat(program, names.split(","), int(count))
                data = json.dumps(program).encode()
            out.writestr(info, data)


if __name__ == "__main__":
    main()
