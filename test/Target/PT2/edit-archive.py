#!/usr/bin/env python3
"""Writes a changed copy of an archive, for the tests of copies and
invocations that need a large entry or a damaged one.

    edit-archive.py IN OUT [--add NAME=SIZE]... [--flip NAME]...

OUT holds IN's entries, in order, then for each --add an entry TOP/NAME of
SIZE pseudo-random bytes (the same on every run), written by Python's
zipfile (stored, no alignment, which mode reads). --flip NAME then flips the
first data byte of TOP/NAME in OUT, leaving its recorded CRC-32 as it was.
NAME is relative to IN's top folder. Standard library only.
"""

import argparse
import random
import struct
import zipfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--add", action="append", default=[])
    ap.add_argument("--flip", action="append", default=[])
    args = ap.parse_args()

    with zipfile.ZipFile(args.input) as source:
        infos = source.infolist()
        top = infos[0].filename.split("/")[0]
        with zipfile.ZipFile(args.output, "w", zipfile.ZIP_STORED) as out:
            for info in infos:
                out.writestr(info.filename, source.read(info))
            generator = random.Random(18)
            for spec in args.add:
                name, size = spec.split("=")
                out.writestr(top + "/" + name,
                             generator.randbytes(int(size)))

    with zipfile.ZipFile(args.output) as z:
        offsets = {i.filename: i.header_offset for i in z.infolist()}
    with open(args.output, "r+b") as f:
        for name in args.flip:
            f.seek(offsets[top + "/" + name] + 26)
            name_length, extra_length = struct.unpack("<HH", f.read(4))
            f.seek(name_length + extra_length, 1)
            byte = f.read(1)
            f.seek(-1, 1)
            f.write(bytes([byte[0] ^ 0x01]))


if __name__ == "__main__":
    main()
