#!/usr/bin/env python3
"""Writes deeply nested textual IR to standard output.

Usage: gen-nested.py KIND DEPTH
  regions  DEPTH unregistered ops nested in one another's regions, generic
           form (two brackets a level), with a training-mode aten.dropout in
           the innermost region
  arrays   an attribute of DEPTH - 1 nested arrays, in an attribute
           dictionary: DEPTH brackets
"""
import sys

kind, depth = sys.argv[1], int(sys.argv[2])
out = sys.stdout
if kind == "regions":
    out.write('"test.nest"() ({\n' * depth)
    out.write('%x = "test.input"() : () -> tensor<8xf32>\n')
    out.write('%0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true}'
              ' : (tensor<8xf32>) -> tensor<8xf32>\n')
    out.write('}) : () -> ()\n' * depth)
elif kind == "arrays":
    out.write('"test.op"() {a = ' + "[" * (depth - 1) + "]" * (depth - 1) +
              "} : () -> ()\n")
else:
    sys.exit("unknown kind " + kind)
