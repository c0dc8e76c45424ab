#!/usr/bin/env python3
"""Fits the float table of xact::gelu's AVX-512 and scalar path (include/xact/gelu.hpp) with mpmath.

With a = |x| in [0, A] and the Mills ratio written as Qh(a) = Phi(-a) e^(a^2/2) = erfc(a/sqrt 2) e^(a^2/2) / 2,
the range is cut into the 16 pieces around the centres j, j = 0 .. 15 (|a - j| <= 1/2, the first
and the last piece halved by 0 and A), so that j = round(a) and t = a - j are exact in float. On
piece j, Qh(j + t) is a polynomial of degree DEG in t. Row k of the table holds the coefficient of
t^k for every piece: a row is one AVX-512 register, and one VPERMPS picks a coefficient per lane.

Each piece is a least-squares fit on Chebyshev nodes weighted by 1 / Qh (relative error), rounded
to float one coefficient at a time from the highest degree, the lower ones refitted each time.
Prints the table as C++ rows and, on stderr, the largest relative error of the rounded
polynomials on a dense grid per piece (exact arithmetic: the float evaluation adds its own
roundings), in units of 2^-24.
"""
import struct
import sys
import mpmath as mp

mp.mp.dps = 30
A = mp.mpf(15)   # beyond it gelu(-a) and gelu'(-a) are below half the smallest subnormal
DEG = 7
PIECES = 16
WIDTH = mp.mpf(1)


def rf(v):
    return mp.mpf(struct.unpack('f', struct.pack('f', float(v)))[0])


def Qh(a):
    t = a / mp.sqrt(2)
    return mp.erfc(t) * mp.exp(t * t) / 2


def fit_piece(c, lo, hi):
    m = 4 * (DEG + 1) + 8
    nodes = [(lo + hi) / 2 + (hi - lo) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / m) for k in range(m)]
    values = [Qh(c + t) for t in nodes]
    fixed = {}
    for d in range(DEG, -1, -1):
        free = [j for j in range(DEG + 1) if j not in fixed]
        rows = [[t ** j / v for j in free] for t, v in zip(nodes, values)]
        rhs = [(v - sum(cf * t ** j for j, cf in fixed.items())) / v for t, v in zip(nodes, values)]
        sol = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
        fixed[d] = rf(sol[free.index(d)])
    return [fixed[j] for j in range(DEG + 1)]


def hexf(c):
    if c == 0:
        return '0.0f'
    m, e = float(c).hex().split('p')
    return m.rstrip('0').rstrip('.') + 'p' + e + 'f'


table = []
worst = 0
for j in range(PIECES):
    c = j * WIDTH
    lo, hi = max(-WIDTH / 2, -c), min(WIDTH / 2, A - c)
    co = fit_piece(c, lo, hi)
    err = max(abs(mp.polyval(co[::-1], t) / Qh(c + t) - 1) for t in mp.linspace(lo, hi, 400))
    print(f'piece {j:2d} (a in [{float(c + lo):5.2f}, {float(c + hi):5.2f}]): {float(err * 2 ** 24):.3f} x 2^-24',
          file=sys.stderr)
    worst = max(worst, err)
    table.append(co)
print(f'largest: {float(worst * 2 ** 24):.3f} x 2^-24', file=sys.stderr)

print(f'// Qh(j + t), |t| <= 1/2: row k holds the coefficient of t^k for j = 0 .. 15')
for k in range(DEG + 1):
    cells = [hexf(table[j][k]) for j in range(PIECES)]
    lines = [', '.join(cells[i:i + 4]) for i in range(0, len(cells), 4)]
    print('        {' + (',\n         '.join(lines)) + '},')
