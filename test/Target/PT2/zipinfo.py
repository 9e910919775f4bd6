#!/usr/bin/env python3
"""Describes a zip archive without mode's code, for the tests to compare with.

    zipinfo.py list ARCHIVE   what `mode-archive-test list` prints, from
                              Python's zipfile (directory entries left out)
    zipinfo.py check ARCHIVE  reads every entry with zipfile, checking CRCs
    zipinfo.py dump ARCHIVE   every record of the layout in file order: local
                              headers with their extra fields, data, data
                              descriptors, central directory, end records;
                              any byte not accounted for is reported as a gap

Standard library only (lit runs it with a Python without torch).
"""

import struct
import sys
import zipfile


def list_archive(path):
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        infos = [i for i in z.infolist() if not i.filename.endswith("/")]
        print("top-folder " + z.infolist()[0].filename.split("/")[0])
        for i in infos:
            f.seek(i.header_offset + 26)
            name_length, extra_length = struct.unpack("<HH", f.read(4))
            data = i.header_offset + 30 + name_length + extra_length
            print("entry %s size=%d crc=0x%08x offset%%64=%d"
                  % (i.filename, i.file_size, i.CRC, data % 64))


def check_archive(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit("zipinfo.py: bad CRC in " + bad)
        print("zipfile read %d entries" % len(z.infolist()))


def extras(data):
    """The extra fields of a header, described."""
    fields = []
    while data:
        field_id, length = struct.unpack_from("<HH", data)
        body = data[4:4 + length]
        if field_id == 0x0001:
            values = struct.unpack("<%dQ" % (len(body) // 8), body)
            fields.append("zip64(%s)" % ",".join(str(v) for v in values))
        elif field_id == 0x4246:
            assert body == b"Z" * length, body
            fields.append("FB(%d)" % length)
        else:
            fields.append("0x%04x(%d)" % (field_id, length))
        data = data[4 + length:]
    return "[" + " ".join(fields) + "]"


def zip64_values(extra):
    """The 64-bit values of the ZIP64 field among `extra`'s fields."""
    while extra:
        field_id, length = struct.unpack_from("<HH", extra)
        if field_id == 0x0001:
            body = extra[4:4 + length]
            return list(struct.unpack("<%dQ" % (len(body) // 8),
                                      body[:len(body) // 8 * 8]))
        extra = extra[4 + length:]
    return []


def dump_archive(path):
    with open(path, "rb") as f:
        d = f.read()
    end = d.rindex(b"PK\x05\x06")
    (_, disk, cd_disk, count_disk, count, cd_size, cd_offset,
     comment) = struct.unpack_from("<IHHHHIIH", d, end)
    records = [(end, "end disk=%d cd-disk=%d entries=%d/%d cd-size=0x%x "
                "cd-offset=0x%x comment=%d"
                % (disk, cd_disk, count_disk, count, cd_size, cd_offset,
                   comment))]
    if d[end - 20:end - 16] == b"PK\x06\x07":
        _, loc_disk, record, disks = struct.unpack_from("<IIQI", d, end - 20)
        zip64 = struct.unpack_from("<IQHHIIQQQQ", d, record)
        count, cd_size, cd_offset = zip64[7], zip64[8], zip64[9]
        records.append((record, "zip64-end size=%d made-by=0x%04x needed=%d "
                        "disk=%d cd-disk=%d entries=%d/%d cd-size=%d "
                        "cd-offset=%d" % zip64[1:]))
        records.append((end - 20, "zip64-locator disk=%d record=%d disks=%d"
                        % (loc_disk, record, disks)))

    p = cd_offset
    for _ in range(count):
        (_, made_by, needed, flags, method, time, date, crc, csize, size,
         name_length, extra_length, comment_length, start_disk, internal,
         external, offset) = struct.unpack_from("<IHHHHHHIIIHHHHHII", d, p)
        name = d[p + 46:p + 46 + name_length]
        extra = d[p + 46 + name_length:p + 46 + name_length + extra_length]
        records.append((p, "central made-by=%d needed=%d flags=0x%04x "
                        "method=%d time=%d date=%d crc=0x%08x csize=0x%x "
                        "size=0x%x disk=%d attributes=%d/%d offset=0x%x "
                        "extra=%s %s"
                        % (made_by, needed, flags, method, time, date, crc,
                           csize, size, start_disk, internal, external,
                           offset, extras(extra), name.decode())))
        real_size = size
        real_offset = offset
        values = zip64_values(extra)
        # The ZIP64 field holds the saturated fields, in this order.
        if size == 0xFFFFFFFF:
            real_size = values.pop(0)
        if csize == 0xFFFFFFFF:
            values.pop(0)
        if offset == 0xFFFFFFFF:
            real_offset = values.pop(0)

        q = real_offset
        (_, l_needed, l_flags, l_method, l_time, l_date, l_crc, l_csize,
         l_size, l_name_length, l_extra_length) = struct.unpack_from(
            "<IHHHHHIIIHH", d, q)
        l_extra = d[q + 30 + l_name_length:q + 30 + l_name_length
                    + l_extra_length]
        data = q + 30 + l_name_length + l_extra_length
        records.append((q, "local needed=%d flags=0x%04x method=%d time=%d "
                        "date=%d crc=0x%08x csize=0x%x size=0x%x extra=%s %s"
                        % (l_needed, l_flags, l_method, l_time, l_date, l_crc,
                           l_csize, l_size, extras(l_extra),
                           d[q + 30:q + 30 + l_name_length].decode())))
        records.append((data, "data %d bytes, offset%%64=%d"
                        % (real_size, data % 64)))
        r = data + real_size
        if l_flags & 0x8:
            # 64-bit sizes when the local header has a ZIP64 field.
            wide = "zip64" in extras(l_extra)
            fmt = "<IIQQ" if wide else "<IIII"
            sig, d_crc, d_csize, d_size = struct.unpack_from(fmt, d, r)
            assert sig == 0x08074b50, hex(sig)
            records.append((r, "descriptor crc=0x%08x csize=%d size=%d (%s)"
                            % (d_crc, d_csize, d_size,
                               "64-bit" if wide else "32-bit")))
        p += 46 + name_length + extra_length + comment_length

    # In file order, with what lies between records.
    records.sort()
    position = 0
    for offset, text in records:
        if offset != position:
            print("gap of %d bytes at %d" % (offset - position, position))
        print("@%d %s" % (offset, text))
        position = offset + record_length(d, offset, text)
    if position != len(d):
        print("gap of %d bytes at %d" % (len(d) - position, position))


def record_length(d, offset, text):
    kind = text.split()[0]
    if kind == "local":
        n, e = struct.unpack_from("<HH", d, offset + 26)
        return 30 + n + e
    if kind == "data":
        return int(text.split()[1])
    if kind == "descriptor":
        return 24 if "64-bit" in text else 16
    if kind == "central":
        n, e, c = struct.unpack_from("<HHH", d, offset + 28)
        return 46 + n + e + c
    if kind == "zip64-end":
        return 12 + struct.unpack_from("<Q", d, offset + 4)[0]
    if kind == "zip64-locator":
        return 20
    return 22 + struct.unpack_from("<H", d, offset + 20)[0]


def main():
    command, path = sys.argv[1:3]
    {"list": list_archive, "check": check_archive,
     "dump": dump_archive}[command](path)


if __name__ == "__main__":
    main()
