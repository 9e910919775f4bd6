#!/usr/bin/env python3
"""Derives the archives of test/Target/PT2/Inputs from tiny-linear.pt2.

    python3 test/Target/PT2/make-inputs.py [INPUTS]   # default: ./Inputs

Needs no torch: scripts/gen-archive-fixtures.py writes tiny-linear.pt2 with
torch.export.save and then runs this. The output is checked in byte for byte
(Inputs/.gitattributes) and inputs.test checks that this script still writes
exactly it.

Everything is written by `write_zip` below, a zip writer independent of
mode's: in the "torch" layout it first rewrites tiny-linear.pt2 from its
entries and must give back the same bytes, which checks it against PyTorch's
writer; the "plain" layout is that of Python's zipfile with ZIP_STORED on a
seekable file (versions 2.0, DOS times, CRC and sizes in the local header, no
padding, no data descriptors, ZIP64 only when asked).

Good archives, each holding tiny-linear.pt2's entries in its order (copying
any of them with mode's writer must give tiny-linear.pt2 back):
  tiny-linear-zipfile.pt2  the plain layout, with an archive comment
  tiny-linear-zip64.pt2    the plain layout with every size and offset in
                           ZIP64 extra fields (32-bit fields all ones)
  tiny-linear-dirs.pt2     the plain layout with directory entries first, as
                           `zip -r` writes them

Bad archives, in bad-zip/: one or more per way an archive can be wrong. Most
hold four small entries of tiny-linear.pt2 (BASE below) in the torch layout,
with one thing changed; the expected errors are in bad-zip.test.
"""

import os
import struct
import sys
import zipfile
import zlib

LOCAL_SIG = 0x04034b50
CENTRAL_SIG = 0x02014b50
DESCRIPTOR_SIG = 0x08074b50
END_SIG = 0x06054b50
ZIP64_END_SIG = 0x06064b50
ZIP64_LOCATOR_SIG = 0x07064b50
MAX32 = 0xFFFFFFFF
MAX16 = 0xFFFF

# 2024-01-01 00:00:00 as a DOS date and time.
DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1
DOS_TIME = 0


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def u64(v):
    return struct.pack("<Q", v)


class Entry:
    """One entry and, for bad archives, what to declare instead of the truth.
    Every attribute left at None is computed from the data and the layout."""

    def __init__(self, name, data=b"", **overrides):
        self.name = name.encode() if isinstance(name, str) else name
        self.data = data
        self.stored = data          # the bytes after the local header
        self.method = 0
        self.crc = zlib.crc32(data)
        self.size = len(data)       # declared size
        self.csize = None           # declared compressed size
        self.flags = None           # central and local flags
        self.local_flags = None
        self.local_name = None
        self.local_method = None
        self.local_crc = None       # plain layout: the local header's CRC
        self.offset = None          # declared local header offset
        self.zip64 = False          # sizes and offset in a ZIP64 extra field
        self.cd_fields = None       # (size, csize, offset) 32-bit fields
        self.extra = None           # raw central extra field
        self.central_sig = CENTRAL_SIG
        for key, value in overrides.items():
            if not hasattr(self, key):
                raise AttributeError(key)
            setattr(self, key, value)

    def is_dir(self):
        return self.name.endswith(b"/")


def write_zip(entries, layout="torch", zip64_end=None, comment=b"", end=None,
              zip64=None, locator=None, central_junk=b"", gap=b""):
    """Returns the bytes of an archive. `end`, `zip64` and `locator` override
    fields of the end records; `central_junk` is declared part of the central
    directory, `gap` lies between it and the end records undeclared."""
    torch = layout == "torch"
    if zip64_end is None:
        zip64_end = torch or any(e.zip64 for e in entries)
    out = bytearray()
    placed = []
    for e in entries:
        offset = len(out)
        csize = len(e.stored) if e.csize is None else e.csize
        name = e.name if e.local_name is None else e.local_name
        method = e.method if e.local_method is None else e.local_method
        if torch:
            flags = (0x0808 if e.size else 0x0800) if e.flags is None \
                else e.flags
            local_flags = flags if e.local_flags is None else e.local_flags
            # PyTorch's getPadding: the "FB" field aligns the data to 64.
            start = offset + 30 + len(name) + 4
            pad = (64 - start % 64) % 64
            extra = b"FB" + u16(pad) + b"Z" * pad
            out += (u32(LOCAL_SIG) + u16(0) + u16(local_flags) + u16(method)
                    + u16(0) + u16(0) + u32(0) + u32(0) + u32(0)
                    + u16(len(name)) + u16(len(extra)) + name + extra)
            out += e.stored
            if local_flags & 0x8:
                # What was written: the lies are the central directory's.
                out += u32(DESCRIPTOR_SIG) + u32(e.crc) \
                    + u32(len(e.stored)) + u32(len(e.data))
        else:
            flags = (0x0800 if any(c >= 0x80 for c in e.name) else 0) \
                if e.flags is None else e.flags
            local_flags = flags if e.local_flags is None else e.local_flags
            crc = e.crc if e.local_crc is None else e.local_crc
            if e.zip64:
                extra = u16(1) + u16(16) + u64(e.size) + u64(csize)
                sizes = u32(MAX32) + u32(MAX32)
            else:
                extra = b""
                sizes = u32(csize) + u32(e.size)
            out += (u32(LOCAL_SIG) + u16(20) + u16(local_flags) + u16(method)
                    + u16(DOS_TIME) + u16(DOS_DATE) + u32(crc) + sizes
                    + u16(len(name)) + u16(len(extra)) + name + extra)
            out += e.stored
        placed.append((e, offset, flags, csize))

    central_offset = len(out)
    for e, offset, flags, csize in placed:
        declared = offset if e.offset is None else e.offset
        if e.zip64:
            fields = (MAX32, MAX32, MAX32)
            extra = u16(1) + u16(24) + u64(e.size) + u64(csize) \
                + u64(declared)
        else:
            fields = (e.size, csize, declared)
            extra = b""
        if e.cd_fields is not None:
            fields = e.cd_fields
        if e.extra is not None:
            extra = e.extra
        if torch:
            made_by, needed, time, date, attributes = 0, 0, 0, 0, 0
        else:
            made_by, needed, time, date = 0x0314, 20, DOS_TIME, DOS_DATE
            attributes = (0o40755 << 16 | 0x10) if e.is_dir() \
                else 0o644 << 16
        out += (u32(e.central_sig) + u16(made_by) + u16(needed) + u16(flags)
                + u16(e.method) + u16(time) + u16(date) + u32(e.crc)
                + u32(fields[1]) + u32(fields[0]) + u16(len(e.name))
                + u16(len(extra)) + u16(0) + u16(0) + u16(0)
                + u32(attributes) + u32(fields[2]) + e.name + extra)
    out += central_junk
    central_size = len(out) - central_offset
    out += gap

    count = len(entries)
    values = {"disk": 0, "cd_disk": 0, "count_disk": count, "count": count,
              "cd_size": central_size, "cd_offset": central_offset}
    if zip64_end:
        record_offset = len(out)
        z = dict(values, record_size=44, made_by=0x031E, needed=45)
        z.update(zip64 or {})
        out += (u32(ZIP64_END_SIG) + u64(z["record_size"]) + u16(z["made_by"])
                + u16(z["needed"]) + u32(z["disk"]) + u32(z["cd_disk"])
                + u64(z["count_disk"]) + u64(z["count"]) + u64(z["cd_size"])
                + u64(z["cd_offset"]))
        loc = {"disk": 0, "offset": record_offset, "disks": 1}
        loc.update(locator or {})
        out += (u32(ZIP64_LOCATOR_SIG) + u32(loc["disk"]) + u64(loc["offset"])
                + u32(loc["disks"]))
    if torch:
        # miniz: the real values, clamped.
        classic = dict(values, count_disk=min(count, MAX16),
                       count=min(count, MAX16),
                       cd_size=min(central_size, MAX32),
                       cd_offset=min(central_offset, MAX32))
    elif zip64_end:
        classic = dict(values, count_disk=MAX16, count=MAX16, cd_size=MAX32,
                       cd_offset=MAX32)
    else:
        classic = values
    classic.update(end or {})
    out += (u32(END_SIG) + u16(classic["disk"]) + u16(classic["cd_disk"])
            + u16(classic["count_disk"]) + u16(classic["count"])
            + u32(classic["cd_size"]) + u32(classic["cd_offset"])
            + u16(len(comment)) + comment)
    return bytes(out)


def read_entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def good_archives(original, source):
    """The good archives derived from tiny-linear.pt2, by file name."""
    entries = read_entries(source)
    # The self-check: the torch layout must be PyTorch's, byte for byte.
    rewritten = write_zip([Entry(n, d) for n, d in entries])
    if rewritten != original:
        sys.exit("make-inputs.py: write_zip does not reproduce %s; "
                 "the torch layout changed?" % source)
    top = entries[0][0].split("/")[0]
    folders = []
    for name, _ in entries:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i]) + "/"
            if folder not in folders:
                folders.append(folder)
    assert folders[0] == top + "/"
    return {
        "tiny-linear-zipfile.pt2": write_zip(
            [Entry(n, d) for n, d in entries], layout="plain",
            comment=b"repacked with Python's zipfile"),
        "tiny-linear-zip64.pt2": write_zip(
            [Entry(n, d, zip64=True) for n, d in entries], layout="plain"),
        "tiny-linear-dirs.pt2": write_zip(
            [Entry(f) for f in folders] + [Entry(n, d) for n, d in entries],
            layout="plain"),
    }


# The entries of tiny-linear.pt2 most bad archives hold.
BASE = ["data/weights/weight_0", "archive_format", "archive_version",
        "byteorder"]


def bad_archives(source):
    """The bad archives, by file name."""
    all_entries = dict(read_entries(source))
    top = next(iter(all_entries)).split("/")[0]
    base = [(top + "/" + n, all_entries[top + "/" + n]) for n in BASE]

    def entries(changes=None):
        """BASE's entries; `changes` maps an index to overrides."""
        result = []
        for i, (name, data) in enumerate(base):
            overrides = dict((changes or {}).get(i, {}))
            result.append(Entry(overrides.pop("name", name), data,
                                **overrides))
        return result

    def changed(index, layout="torch", **overrides):
        """BASE with entry `index` changed."""
        return write_zip(entries({index: overrides}), layout=layout)

    def named(*new_names):
        """BASE's data under other names."""
        return write_zip([Entry(n, d) for n, (_, d) in zip(new_names, base)])

    good = write_zip(entries())
    weight = base[0][1]
    flipped = bytes([weight[0] ^ 0x01]) + weight[1:]
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = deflater.compress(weight) + deflater.flush()
    # Where the central directory and the last entry's data start in `good`.
    central = struct.unpack_from("<I", good, len(good) - 6)[0]
    last_header = good.rindex(u32(LOCAL_SIG), 0, central)
    last_data = last_header + 30 + sum(
        struct.unpack_from("<HH", good, last_header + 26))
    w, a, v, b = [name for name, _ in base]

    return {
        # Not a zip at all, or cut short.
        "not-a-zip.pt2": b"this is not a zip archive\n",
        "empty-file.pt2": b"",
        "truncated-half.pt2": good[:len(good) // 2],
        "truncated-middle.pt2": good[:central - 64] + good[central:],
        # The last entry's data would run into the central directory.
        "truncated-data.pt2": changed(3, size=central - last_data + 1,
                                      csize=central - last_data + 1),
        "zip64-locator-past-end.pt2": write_zip(
            entries(), locator={"offset": len(good) + 100}),
        "zip64-record-missing.pt2": write_zip(entries(),
                                              locator={"offset": 0}),
        # End records and central directory that do not add up.
        "end-records-disagree.pt2": write_zip(entries(), end={"count": 3}),
        "no-entries.pt2": write_zip([]),
        "multi-disk.pt2": write_zip(entries(), end={"disk": 1},
                                    zip64={"disk": 1}),
        "prefix.pt2": b"#!/bin/sh\nexit 0\n" + write_zip(entries(),
                                                         layout="plain"),
        "central-gap.pt2": write_zip(entries(), gap=b"\0" * 16),
        "central-junk.pt2": write_zip(entries(), central_junk=b"\0" * 50),
        "central-signature.pt2": changed(1, central_sig=CENTRAL_SIG + 1),
        "extra-malformed.pt2": changed(1, extra=u16(1) + u16(64)),
        # Compressed or encrypted entries.
        "deflate.pt2": changed(0, stored=deflated, method=8,
                               csize=len(deflated)),
        "bzip2.pt2": changed(0, method=12),
        "encrypted.pt2": changed(0, flags=0x0809),
        "stored-size-mismatch.pt2": changed(0, csize=len(weight) + 1),
        # Local headers that disagree with the central directory.
        "local-name.pt2": changed(3, local_name=(b[:-1] + "X").encode()),
        "local-method.pt2": changed(2, local_method=8),
        "local-offset.pt2": changed(2, offset=1),
        "local-crc.pt2": changed(1, layout="plain", local_crc=1),
        # Absurd sizes, offsets and counts.
        "huge-size.pt2": changed(0, size=1 << 40, csize=1 << 40, zip64=True),
        "huge-offset.pt2": changed(1, offset=1 << 40, zip64=True),
        "huge-count.pt2": write_zip(
            entries(), end={"count": MAX16, "count_disk": MAX16},
            zip64={"count": 1 << 40, "count_disk": 1 << 40}),
        "overlap.pt2": changed(0, size=len(weight) + 32,
                               csize=len(weight) + 32),
        "zip64-extra-short.pt2": changed(
            0, cd_fields=(MAX32, MAX32, 0),
            extra=u16(1) + u16(8) + u64(len(weight))),
        "zip64-extra-missing.pt2": changed(0, cd_fields=(MAX32, MAX32, 0)),
        # Names.
        "name-absolute.pt2": named("/" + w, a, v, b),
        "name-dotdot.pt2": named(w, top + "/../etc/passwd", v, b),
        "name-backslash.pt2": named(w, top + "/data\\weights", v, b),
        "name-nul.pt2": named(w, top + "/a\0b", v, b),
        # Latin-1, and an overlong '/': the writer flags every name as UTF-8.
        "name-not-utf8.pt2": named(w, top.encode() + b"/caf\xe9", v, b),
        "name-overlong-utf8.pt2": named(w, top.encode() + b"/..\xc0\xafx",
                                        v, b),
        "name-empty-component.pt2": named(w, top + "//x", v, b),
        "name-duplicate.pt2": named(w, b, v, b),
        "two-top-folders.pt2": named(w, a, "other/" + BASE[2], b),
        "no-top-folder.pt2": named(BASE[1], w, v, b),
        "directory-with-data.pt2": named(w, top + "/data/", v, b),
        # The CRC, found only when the data is read.
        "bad-crc.pt2": changed(0, stored=flipped),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    inputs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here,
                                                                "Inputs")
    source = os.path.join(inputs, "tiny-linear.pt2")
    with open(source, "rb") as f:
        original = f.read()
    outputs = dict(good_archives(original, source))
    outputs.update({os.path.join("bad-zip", name): data
                    for name, data in bad_archives(source).items()})
    os.makedirs(os.path.join(inputs, "bad-zip"), exist_ok=True)
    for name, data in sorted(outputs.items()):
        with open(os.path.join(inputs, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
