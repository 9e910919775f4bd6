#!/usr/bin/env python3
"""Checks mode's archive writer against PyTorch's past 4 GiB, by hand.

    pip install torch==2.13.0
    python3 scripts/check-pt2-zip64.py build/bin/mode-archive-test [DIR]

Too big for the test suite: it needs about 4.3 GB of memory and 8.6 GB of
disk in DIR (default: the system's temporary directory), and takes a minute
or two. It writes an archive with torch._C.PyTorchFileWriter, the writer
torch.export.save uses, holding a small entry, an entry of exactly
0xFFFFFFFF bytes (the smallest size that takes ZIP64 fields), then small and
empty entries at offsets past 4 GiB; copies it with
`mode-archive-test copy`; and compares the two byte for byte. It prints the
copy's peak RSS (with /usr/bin/time), which stays far below the entry's
size: copy streams in 1 MiB chunks. Both files are removed at the end.
"""

import os
import subprocess
import sys
import tempfile

import torch


def main():
    tool = sys.argv[1]
    directory = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        original = os.path.join(tmp, "big.pt2")
        copy = os.path.join(tmp, "copy.pt2")
        writer = torch._C.PyTorchFileWriter(original)
        writer.write_record("a", b"0123456789", 10)
        storage = torch.UntypedStorage(0xFFFFFFFF)
        storage.fill_(7)
        writer.write_record("data/big", storage, 0xFFFFFFFF)
        del storage
        writer.write_record("b", b"hello", 5)
        writer.write_record("empty", b"", 0)
        writer.write_end_of_file()
        del writer
        print("PyTorch wrote %d bytes" % os.path.getsize(original))

        subprocess.run([tool, "list", "--offsets", original], check=True)
        # /usr/bin/time measures the copy alone: this process's own children
        # count its memory until they exec.
        subprocess.run(["/usr/bin/time", "-f", "peak RSS of copy: %M KB",
                        tool, "copy", original, copy], check=True)
        same = subprocess.run(["cmp", original, copy]).returncode == 0
        print("identical" if same else "DIFFERENT")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
