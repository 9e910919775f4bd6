#!/usr/bin/env python3
"""Compares two .pt2 archives the way mode promises to keep them.

    compare-archives.py A.pt2 B.pt2 [--model-json-differs]

- every model JSON (`<top>/models/<name>.json`) of A equals B's as a JSON
  value (object key order and number spelling aside); with
  --model-json-differs, they must differ instead (a switched program);
- every other entry is byte-identical, and both archives have the same
  entries (under their own top folder);
- B is laid out as PyTorch writes archives: one top folder, every entry
  stored (not compressed), its data aligned to 64 bytes, a correct CRC-32.

Prints the first differences (a JSON path for a model) and exits 1 if any
check fails. Needs no torch: Python's zipfile and json only. Other scripts
can import it and call `compare(a, b)` (paths or the archives' bytes).
"""
import io
import json
import struct
import sys
import zipfile
import zlib


def _open(source):
    """A path, or an archive's bytes."""
    return io.BytesIO(source) if isinstance(source, bytes) else source


def entries(path):
    with zipfile.ZipFile(_open(path)) as archive:
        infos = archive.infolist()
        top = infos[0].filename.split("/", 1)[0]
        # Directory entries (as `zip -r` writes them) hold no data.
        return top, {info.filename.split("/", 1)[1]: (info, archive.read(info))
                     for info in infos if not info.filename.endswith("/")}


def json_diff(a, b, path="$"):
    """The first few paths where two JSON values differ."""
    if type(a) != type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return [f"{path}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"]
    if isinstance(a, dict):
        diffs = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                diffs.append(f"{path}.{key}: only in {'A' if key in a else 'B'}")
            else:
                diffs += json_diff(a[key], b[key], f"{path}.{key}")
            if len(diffs) >= 5:
                break
        return diffs
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} elements != {len(b)}"]
        diffs = []
        for i, (x, y) in enumerate(zip(a, b)):
            diffs += json_diff(x, y, f"{path}[{i}]")
            if len(diffs) >= 5:
                break
        return diffs
    return [] if a == b else [f"{path}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"]


def check_layout(path):
    problems = []
    if isinstance(path, bytes):
        data, path = path, "B"
    else:
        with open(path, "rb") as f:
            data = f.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tops = {info.filename.split("/", 1)[0] for info in archive.infolist()}
        if len(tops) != 1:
            problems.append(f"{path}: {len(tops)} top folders")
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                problems.append(f"{info.filename}: compressed")
            name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
            start = info.header_offset + 30 + name_len + extra_len
            if start % 64:
                problems.append(f"{info.filename}: data at {start}, not aligned to 64")
            if zlib.crc32(data[start:start + info.file_size]) != info.CRC:
                problems.append(f"{info.filename}: bad CRC-32")
    return problems


def compare(a_path, b_path, expect_model_diff=False):
    """The problems found comparing archive B with A (paths or bytes)."""
    (_, a), (_, b) = entries(a_path), entries(b_path)
    problems = []
    if set(a) != set(b):
        problems.append(f"entries only in A: {sorted(set(a) - set(b))}, "
                        f"only in B: {sorted(set(b) - set(a))}")
    for name in sorted(set(a) & set(b)):
        da, db = a[name][1], b[name][1]
        if name.startswith("models/") and name.endswith(".json"):
            va, vb = json.loads(da), json.loads(db)
            # == first: it agrees with json_diff, and is much faster.
            diffs = [] if va == vb else json_diff(va, vb)
            if expect_model_diff and not diffs:
                problems.append(f"{name}: the same program, expected a switched one")
            if not expect_model_diff and diffs:
                problems.append(f"{name}: JSON differs at\n  " + "\n  ".join(diffs))
        elif da != db:
            problems.append(f"{name}: {len(da)} bytes != {len(db)} bytes"
                            if len(da) != len(db) else f"{name}: bytes differ")
    problems += check_layout(b_path)
    return problems


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    expect_model_diff = "--model-json-differs" in sys.argv
    a_path, b_path = args
    problems = compare(a_path, b_path, expect_model_diff)
    for problem in problems:
        print(problem)
    print(f"{'FAIL' if problems else 'OK'}: {b_path} against {a_path}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
