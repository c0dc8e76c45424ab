#!/usr/bin/env python3
"""Fits the polynomials of xact's exponential (include/xact/detail/math.hpp) with mpmath.

After the reduction x = n ln2 + r, |r| <= ln(2)/2, the exponential needs e^r - 1 = r + r^2 q(r).
q is fitted on a slightly wider interval than ln(2)/2 (the rounded n can leave |r| a little over it),
its coefficients rounded to the target precision one at a time from the highest degree, the lower
ones refitted each time. Four polynomials are made:

  float q5 and double q10, for the compensated exponential: Chebyshev interpolation of q;
  float q4, for the lean kernels: a minimax fit of the relative error of e^r - 1 (Lawson's iteratively
      reweighted least squares on Chebyshev nodes), so that the one degree less still keeps
      expm1 near 0 and e^r accurate to a fraction of 2^-24;
  float q1, for the table-driven exponential: x = (k + j/16) ln2 + r, |r| <= ln(2)/32, where the
      16 values 2^(j/16) come from a table (printed too, rounded to float) and e^r = 1 + r + r^2 q(r)
      needs only q of degree 1 (minimax as for q4, on the narrower interval).

Prints each set of coefficients (highest degree first) and the largest relative error of e^r - 1
and of e^r evaluated with them (exact arithmetic), on a dense grid, in units of 2^-p.
"""
import re
import struct
import mpmath as mp

mp.mp.dps = 50
HALF_LN2 = mp.log(2) / 2 * mp.mpf('1.002')
TABLE_SIZE = 16


def round_to(v, prec):
    if prec == 'float':
        return mp.mpf(struct.unpack('f', struct.pack('f', float(v)))[0])
    return mp.mpf(float(v))


def q_exact(r):
    return (mp.expm1(r) - r) / (r * r) if r != 0 else mp.mpf(1) / 2


def chebyshev_step(fixed, d, half):
    """The degree-d coefficient of q minus the already rounded higher terms, by interpolation."""
    rest = lambda r: q_exact(r) - sum(c * r**k for k, c in fixed.items())
    return mp.chebyfit(rest, [-half, half], d + 1)[0]


def minimax_step(fixed, d, half, iterations=60):
    """The degree-d coefficient of q with the higher ones fixed, minimising the largest relative
    error of e^r - 1 over Chebyshev nodes of [-half, half] (Lawson's algorithm)."""
    nodes = [half * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / 400) for i in range(400)]
    q_at = [q_exact(r) for r in nodes]
    weight = [r * r / mp.expm1(r) for r in nodes]  # turns an error in q into a relative error of e^r - 1
    free = list(range(d + 1))
    lam = [mp.mpf(1) / len(nodes)] * len(nodes)
    for _ in range(iterations):
        a = mp.matrix(len(free), len(free))
        b = mp.matrix(len(free), 1)
        for r, q, w, l in zip(nodes, q_at, weight, lam):
            target = q - sum(c * r**k for k, c in fixed.items())
            row = [r**k for k in free]
            for i in free:
                b[i] += l * w * w * row[i] * target
                for j in free:
                    a[i, j] += l * w * w * row[i] * row[j]
        sol = mp.lu_solve(a, b)
        err = [abs(w * (sum(sol[k] * r**k for k in free) + sum(c * r**k for k, c in fixed.items()) - q))
               for r, q, w in zip(nodes, q_at, weight)]
        total = sum(l * e for l, e in zip(lam, err))
        lam = [l * e / total for l, e in zip(lam, err)]
    return sol[d]


def fit(prec, deg, step, half):
    fixed = {}
    for d in range(deg, -1, -1):
        fixed[d] = round_to(step(fixed, d, half), prec)
    co = [fixed[d] for d in range(deg, -1, -1)]
    worst_m1 = worst_e = 0
    for i in range(8001):
        r = -half + 2 * half * i / 8000
        if r == 0:
            continue
        q = mp.mpf(0)
        for c in co:
            q = q * r + c
        worst_m1 = max(worst_m1, abs((r + r * r * q) / mp.expm1(r) - 1))
        worst_e = max(worst_e, abs((1 + r + r * r * q) / mp.exp(r) - 1))
    return co, worst_m1, worst_e


TABLE_HALF = mp.log(2) / (2 * TABLE_SIZE) * mp.mpf('1.002')
for name, prec, deg, p, step, half in (('q5', 'float', 5, 24, chebyshev_step, HALF_LN2),
                                       ('q4', 'float', 4, 24, minimax_step, HALF_LN2),
                                       ('q10', 'double', 10, 53, chebyshev_step, HALF_LN2),
                                       ('q1', 'float', 1, 24, minimax_step, TABLE_HALF)):
    co, wm1, we = fit(prec, deg, step, half)
    print(f'// {prec} {name}: e^r - 1 within {mp.nstr(wm1 * 2**p, 3)} x 2^-{p}, '
          f'e^r within {mp.nstr(we * 2**p, 3)} x 2^-{p} (relative, exact arithmetic)')
    suffix = 'f' if prec == 'float' else ''
    for c in co:
        f = float(c)
        h = struct.unpack('f', struct.pack('f', f))[0].hex() if prec == 'float' else f.hex()
        h = re.sub(r'0+p', 'p', h).replace('.p', 'p')
        print(f'    {h}{suffix},  // {mp.nstr(c, 12)}')

worst = 0
print(f'// 2^(j/{TABLE_SIZE}), j = 0 .. {TABLE_SIZE - 1}, rounded to float')
row = []
for j in range(TABLE_SIZE):
    exact = mp.mpf(2) ** (mp.mpf(j) / TABLE_SIZE)
    v = round_to(exact, 'float')
    worst = max(worst, abs(v / exact - 1))
    row.append(re.sub(r'0+p', 'p', float(v).hex()).replace('.p', 'p') + 'f')
for i in range(0, TABLE_SIZE, 4):
    print('    ' + ', '.join(row[i:i + 4]) + ',')
print(f'// largest relative rounding error of the table: {mp.nstr(worst * 2**24, 3)} x 2^-24')
