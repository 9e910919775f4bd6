#!/usr/bin/env python3
"""Writes a function of 1,000,000 ops (aten.none, and every tenth an
aten.dropout in training form) whose op number 999,990 has p = 1.5, on line
999,992. Usage: gen-million-ops.py OUT"""
import sys

N = 1000000
BAD = N - 10
with open(sys.argv[1], "w") as f:
    f.write("func.func @f(%x: tensor<4xf32>) {\n")
    for i in range(N):
        if i == BAD or i % 10 == 0:
            p = "1.500000e+00" if i == BAD else "1.000000e-01"
            f.write("  %%v%d = aten.dropout(%%x) p = %s, train = true"
                    " : (tensor<4xf32>) -> tensor<4xf32>\n" % (i, p))
        else:
            f.write("  %%v%d = aten.none\n" % i)
    f.write("  return\n}\n")
