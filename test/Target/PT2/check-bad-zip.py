#!/usr/bin/env python3
"""Runs every archive of the bad-zip corpus through mode-archive-test and
checks that each is refused with one error and nothing else.

    check-bad-zip.py MODE_ARCHIVE_TEST CORPUS_DIR SCRATCH_DIR

For each FILE (sorted by name) the runs are
    copy FILE OUT, copy --kernel-copy=false FILE OUT, copy - OUT < FILE,
    verify FILE, list FILE
(copy lets the kernel copy the entries into OUT, from FILE or from the
spooled copy of standard input, and checks their CRCs in the page cache
after it; with --kernel-copy=false it reads and writes them, checking CRCs
on the way)
and each must:
- exit with status 1 (not 0, not a signal, not another code);
- print one line on stderr, `mode-archive-test: error: NAME: MESSAGE`, with
  NAME the path given ("<stdin>" for "-") and the same MESSAGE for all runs;
- print nothing on stdout;
- leave no OUT behind, and no spooled copy of standard input in TMPDIR.
`list` reads no entry data, so it may succeed instead (a bad CRC is found
only by reading); it then must print the entries and exit with status 0.

Prints `FILE: MESSAGE` once per file (and `FILE: list succeeds` where it
does), for bad-zip.test to check, one `FAIL ...` line per broken rule, and a
summary line.
"""
import os
import subprocess
import sys

PREFIX = "mode-archive-test: error: "


def run(args, stdin=None, env=None):
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
        return subprocess.run(args, stdin=f, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)


def main():
    tool, corpus, scratch = sys.argv[1:4]
    spool = os.path.join(scratch, "tmp")
    os.makedirs(spool, exist_ok=True)
    env = dict(os.environ, TMPDIR=spool)
    out = os.path.join(scratch, "out.pt2")
    names = sorted(f for f in os.listdir(corpus) if f.endswith(".pt2"))
    failures = 0
    runs = 0

    def fail(name, what):
        nonlocal failures
        failures += 1
        print("FAIL %s: %s" % (name, what))

    for name in names:
        path = os.path.join(corpus, name)
        messages = set()
        list_succeeds = False
        for label, args, stdin, shown in [
                ("copy", [tool, "copy", path, out], None, path),
                ("copy streamed", [tool, "copy", "--kernel-copy=false", path,
                                   out], None, path),
                ("copy from stdin", [tool, "copy", "-", out], path,
                 "<stdin>"),
                ("verify", [tool, "verify", path], None, path),
                ("list", [tool, "list", path], None, path)]:
            runs += 1
            proc = run(args, stdin, env)
            stderr = proc.stderr.decode(errors="replace")
            if label == "list" and proc.returncode == 0:
                list_succeeds = True
                if stderr or not proc.stdout.startswith(b"top-folder "):
                    fail(name, "list succeeds but prints %r, %r"
                         % (proc.stdout[:40], stderr))
                continue
            if proc.returncode != 1:
                fail(name, "%s: exit status %d" % (label, proc.returncode))
            if proc.stdout:
                fail(name, "%s: %d bytes on stdout" % (label,
                                                       len(proc.stdout)))
            lines = stderr.splitlines()
            if len(lines) != 1 or not lines[0].startswith(PREFIX + shown +
                                                          ": "):
                fail(name, "%s: stderr %r" % (label, stderr))
            else:
                messages.add(lines[0][len(PREFIX + shown + ": "):])
            if os.path.lexists(out):
                fail(name, "%s: left %s behind" % (label, out))
                os.remove(out)
            if os.listdir(spool):
                fail(name, "%s: left %s in TMPDIR" % (label,
                                                      os.listdir(spool)))
        if len(messages) != 1:
            fail(name, "different messages: %r" % sorted(messages))
        if list_succeeds:
            print("%s: list succeeds" % name)
        for message in sorted(messages):
            print("%s: %s" % (name, message))
    print("%d files, %d runs, %d failures" % (len(names), runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
