#!/usr/bin/env python3
"""Fits the polynomial of xact's exponential (include/xact/detail/math.hpp) with mpmath.

After the reduction x = n ln2 + r, |r| <= ln(2)/2, the exponential needs e^r - 1 = r + r^2 q(r).
q is fitted on a slightly wider interval than ln(2)/2 (the rounded n can leave |r| a little over it),
its coefficients rounded to the target precision one at a time from the highest degree, the lower
ones refitted each time. Prints q's coefficients (highest degree first) and the largest relative
error of e^r - 1 and of e^r evaluated with them, on a dense grid, in units of 2^-p.
"""
import re
import struct
import mpmath as mp

mp.mp.dps = 50
HALF_LN2 = mp.log(2) / 2 * mp.mpf('1.002')


def round_to(v, prec):
    if prec == 'float':
        return mp.mpf(struct.unpack('f', struct.pack('f', float(v)))[0])
    return mp.mpf(float(v))


def q_exact(r):
    return (mp.expm1(r) - r) / (r * r) if r != 0 else mp.mpf(1) / 2


def fit(prec, deg):
    co = []
    for d in range(deg, -1, -1):
        fixed = list(co)
        rest = lambda r, fixed=fixed, d=d: q_exact(r) - sum(c * r**(d + 1 + k) for k, c in enumerate(reversed(fixed)))
        exact = mp.chebyfit(rest, [-HALF_LN2, HALF_LN2], d + 1)
        co.append(round_to(exact[0], prec))
    worst_m1 = worst_e = 0
    for i in range(4001):
        r = -HALF_LN2 + 2 * HALF_LN2 * i / 4000
        if r == 0:
            continue
        q = mp.mpf(0)
        for c in co:
            q = q * r + c
        worst_m1 = max(worst_m1, abs((r + r * r * q) / mp.expm1(r) - 1))
        worst_e = max(worst_e, abs((1 + r + r * r * q) / mp.exp(r) - 1))
    return co, worst_m1, worst_e


for prec, deg, p in (('float', 5, 24), ('double', 10, 53)):
    co, wm1, we = fit(prec, deg)
    print(f'// {prec}: q of degree {deg}; e^r - 1 within {mp.nstr(wm1 * 2**p, 3)} x 2^-{p}, '
          f'e^r within {mp.nstr(we * 2**p, 3)} x 2^-{p} (relative, exact arithmetic)')
    suffix = 'f' if prec == 'float' else ''
    for c in co:
        f = float(c)
        h = struct.unpack('f', struct.pack('f', f))[0].hex() if prec == 'float' else f.hex()
        h = re.sub(r'0+p', 'p', h).replace('.p', 'p')
        print(f'    {h}{suffix},  // {mp.nstr(c, 12)}')
