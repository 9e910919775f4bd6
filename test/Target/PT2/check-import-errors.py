#!/usr/bin/env python3
"""Runs every bad archive through mode-pt2 and mode-translate and checks that
each is refused with one clear error and nothing else: exit status 1, an
error naming the archive entry and, where there is one, the graph node, and
no output file.

    check-import-errors.py --mode-pt2 TOOL --mode-translate TOOL \\
        SCRATCH_DIR CORPUS_DIR...

For each FILE of each CORPUS_DIR (`*.pt2`, sorted by name) the runs are
    mode-pt2 --verify-crc --to-eval FILE -o OUT
    mode-pt2 --verify-crc --to-train - < FILE > STDOUT   (TMPDIR=SCRATCH/tmp)
    mode-translate --import-pt2 FILE -o OUT
and each must:
- exit with status 1 (not 0, not a signal, not another code);
- print exactly one line on stderr, the error, in one of the two forms
      ARCHIVE:ENTRY:LINE:COL: error: MESSAGE   (in a program: a model JSON)
      error: ARCHIVE: MESSAGE                  (the archive as a whole)
  with ARCHIVE the path given ("<stdin>" for "-"), ENTRY a model entry of
  the archive (`TOP/models/NAME.json`), and the same error, ARCHIVE aside,
  from all three runs;
- when LINE:COL lies inside a node of ENTRY's JSON, start MESSAGE with that
  node: `node 'NAME'` (`node #INDEX` if it has no string name), unless the
  JSON does not parse (`invalid JSON: ...`);
- print nothing on standard output (also when it is the output: mode-pt2
  writes it only once the archive is complete);
- leave no OUT behind, and nothing in TMPDIR (the spooled standard input).

An archive whose only defect is in a weight (a bad CRC, found only when the
weight is copied and checked: --verify-crc) imports: `mode-translate --import-pt2` may then succeed,
with exit status 0, nothing on stderr and OUT written; such files are
reported as `FILE: import succeeds`.

Prints `CORPUS/FILE: ERROR` once per file, ARCHIVE written as `ARCHIVE`, for
import-errors.test to check, one `FAIL ...` line per broken rule, and a
summary line.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

# The archive name is a path that may hold ':'; the entry, `TOP/models/...`,
# does not.
PROGRAM_ERROR = re.compile(
    r"^(?P<archive>.*):(?P<entry>[^:/]+/models/[^:/]+\.json):(?P<line>\d+):"
    r"(?P<col>\d+): error: (?P<message>.*)$")
ARCHIVE_ERROR = re.compile(r"^error: (?P<rest>.*)$")


def node_spans(text):
    """[(start, end, node)] of graph_module.graph.nodes in `text`, offsets
    into it, or None if the JSON cannot be walked that far."""
    decoder = json.JSONDecoder()

    def space(i):
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def enter(i, key):
        i = space(i)
        if text[i] != "{":
            raise ValueError(key)
        i += 1
        while True:
            name, i = decoder.raw_decode(text, space(i))
            i = space(i)
            if text[i] != ":":
                raise ValueError(key)
            i = space(i + 1)
            if name == key:
                return i
            _, i = decoder.raw_decode(text, i)
            i = space(i)
            if text[i] != ",":
                raise ValueError(key)
            i += 1

    try:
        i = enter(enter(enter(0, "graph_module"), "graph"), "nodes")
        if text[i] != "[":
            return None
        i += 1
        spans = []
        while True:
            i = space(i)
            if text[i] == "]":
                return spans
            value, end = decoder.raw_decode(text, i)
            spans.append((i, end, value))
            i = space(end)
            if text[i] != ",":
                return spans
            i += 1
    except (ValueError, IndexError, RecursionError):
        return None


def node_at(archive, entry, line, col):
    """The expected start of a message at LINE:COL of ENTRY if that place is
    inside a node (`node 'NAME'` or `node #INDEX`), else None."""
    try:
        with zipfile.ZipFile(archive) as z:
            data = z.read(entry)
    except Exception:
        return None
    # Byte offsets, as mode counts columns.
    text = data.decode("latin-1")
    lines = text.split("\n")
    if line > len(lines):
        return None
    offset = sum(len(l) + 1 for l in lines[:line - 1]) + col - 1
    for index, (start, end, node) in enumerate(node_spans(text) or []):
        if start <= offset < end:
            name = node.get("name") if isinstance(node, dict) else None
            return ("node '%s'" % name if isinstance(name, str)
                    else "node #%d" % index)
    return None


def normalize(line, shown):
    """The error with the archive's name written ARCHIVE, or None if it has
    neither form."""
    m = PROGRAM_ERROR.match(line)
    if m and m.group("archive") == shown:
        return "ARCHIVE" + line[len(shown):]
    m = ARCHIVE_ERROR.match(line)
    if m and m.group("rest").startswith(shown + ": "):
        return "error: ARCHIVE" + m.group("rest")[len(shown):]
    return None


def check_file(args, corpus, name, scratch):
    """Returns (lines to print, problems, runs)."""
    path = os.path.join(corpus, name)
    label = "%s/%s" % (os.path.basename(os.path.normpath(corpus)), name)
    tmp = os.path.join(scratch, "tmp")
    os.makedirs(tmp)
    env = dict(os.environ, TMPDIR=tmp)
    out = os.path.join(scratch, "out")
    problems = []
    errors = set()
    import_succeeds = False
    runs = [
        ("to-eval -o", [args.mode_pt2, "--verify-crc", "--to-eval", path,
                        "-o", out], None, path),
        ("to-train stdin", [args.mode_pt2, "--verify-crc", "--to-train", "-"],
         path, "<stdin>"),
        ("import-pt2 -o", [args.mode_translate, "--import-pt2", path, "-o",
                           out], None, path),
    ]
    for run, cmd, stdin, shown in runs:
        def fail(what):
            problems.append("FAIL %s [%s]: %s" % (label, run, what))

        with open(stdin or os.devnull, "rb") as f:
            proc = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env)
        stderr = proc.stderr.decode(errors="replace")
        if (run == "import-pt2 -o" and proc.returncode == 0
                and not stderr and not proc.stdout and os.path.exists(out)):
            import_succeeds = True
            os.remove(out)
            continue
        if proc.returncode != 1:
            fail("exit status %d" % proc.returncode)
        if proc.stdout:
            fail("%d bytes on stdout" % len(proc.stdout))
        lines = stderr.splitlines()
        if len(lines) != 1:
            fail("%d lines on stderr: %r" % (len(lines), stderr[:600]))
        if lines:
            error = normalize(lines[0], shown)
            if error is None:
                fail("not an error naming the archive: %r" % lines[0][:300])
            else:
                errors.add(error)
                m = PROGRAM_ERROR.match(lines[0])
                if m and stdin is None:
                    node = node_at(path, m.group("entry"),
                                   int(m.group("line")), int(m.group("col")))
                    message = m.group("message")
                    if (node and not message.startswith("invalid JSON: ")
                            and not (message.startswith(node) and
                                     message[len(node):][:1] in (" ", ":"))):
                        fail("the error is in %s but says %r"
                             % (node, message[:120]))
        if os.path.lexists(out):
            fail("left %s behind" % out)
            os.remove(out)
        if os.listdir(tmp):
            fail("left %s in TMPDIR" % os.listdir(tmp))
            for f in os.listdir(tmp):
                os.remove(os.path.join(tmp, f))
    if len(errors) > 1:
        problems.append("FAIL %s: different errors: %r"
                        % (label, sorted(errors)))
    printed = ["%s: %s" % (label, e) for e in sorted(errors)]
    if import_succeeds:
        printed.insert(0, "%s: import succeeds" % label)
    return printed, problems, len(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode-pt2", required=True)
    parser.add_argument("--mode-translate", required=True)
    parser.add_argument("scratch")
    parser.add_argument("corpora", nargs="+")
    args = parser.parse_args()

    jobs = []
    for corpus in args.corpora:
        for name in sorted(f for f in os.listdir(corpus)
                           if f.endswith(".pt2")):
            jobs.append((corpus, name,
                         os.path.join(args.scratch, str(len(jobs)))))
    for _, _, scratch in jobs:
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        results = list(pool.map(
            lambda job: check_file(args, *job), jobs))

    failures = runs = 0
    for printed, problems, count in results:
        for line in printed + problems:
            print(line)
        failures += len(problems)
        runs += count
    print("%d files, %d runs, %d failures" % (len(jobs), runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
