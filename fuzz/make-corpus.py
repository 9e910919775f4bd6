#!/usr/bin/env python3
"""Writes the seed corpus of mode-fuzz: every .mlir file under the given
directories (the test suite and the examples), split at `// -----` markers
as --split-input-file does, and every .bad file: the bad-input corpus
(test/BadInput/Inputs/) and the inputs only the parser rejects
(fuzz/parser-seeds/), one file per piece, named by content hash.

Usage: make-corpus.py OUT_DIR SRC_DIR...
"""
import hashlib
import os
import re
import sys

SPLIT = re.compile(r"^// -----\s*$", re.M)


def main():
    out, srcs = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    count = 0
    for src in srcs:
        for dirpath, _, files in sorted(os.walk(src)):
            for name in sorted(files):
                if not name.endswith((".mlir", ".bad")):
                    continue
                with open(os.path.join(dirpath, name), "rb") as f:
                    data = f.read()
                # Bad inputs are kept byte for byte (binary, non-UTF-8).
                pieces = ([data] if name.endswith(".bad") else
                          [p.encode("utf-8") for p in
                           SPLIT.split(data.decode("utf-8", "replace"))])
                for data in pieces:
                    if not data.strip():
                        continue
                    digest = hashlib.sha1(data).hexdigest()
                    path = os.path.join(out, digest)
                    if not os.path.exists(path):
                        with open(path, "wb") as f:
                            f.write(data)
                        count += 1
    print(f"{count} seed inputs written to {out}")


if __name__ == "__main__":
    main()
