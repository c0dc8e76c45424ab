#!/usr/bin/env python3
"""Fits the polynomials of xact's erfc (include/xact/detail/erfc.hpp) with mpmath.

erfc(t) = e^(-t^2) Q(t) for t >= 0, Q(t) = erfc(t) e^(t^2) smooth and decreasing from 1.
  piece A, t in [0, split]:     Q as a polynomial in s = t - split/2
  piece B, t in [split, tmax]:  Q / y as a polynomial in s = y - y_mid, y = 2 / (2 + t) (Q / y is
                                nearly flat where Q itself falls towards 0)
Prints the coefficients (highest degree first, then the low part of the constant term) rounded to
the target precision and the largest
relative error of Horner's scheme with those rounded coefficients on a dense grid.
"""
import struct
import mpmath as mp

mp.mp.dps = 50
SPLIT = mp.mpf('1.5')


def Q(t):
    return mp.erfc(t) * mp.exp(t * t)


def round_to(v, prec):
    if prec == 'float':
        return mp.mpf(struct.unpack('f', struct.pack('f', float(v)))[0])
    return mp.mpf(float(v))


def fit(prec, deg_a, deg_b, tmax):
    out = {}
    pieces = {
        'a': (lambda s: Q(s + SPLIT / 2), -SPLIT / 2, SPLIT / 2, deg_a, None),
    }
    ya, yb = 2 / (2 + mp.mpf(tmax)), 2 / (2 + SPLIT)
    ymid = round_to((ya + yb) / 2, prec)
    pieces['b'] = (lambda s: Q(2 / (s + ymid) - 2) / (s + ymid), ya - ymid, yb - ymid, deg_b, ymid)
    for name, (g, lo, hi, deg, mid) in pieces.items():
        # round the coefficients one at a time from the highest degree, refitting the lower ones
        # each time so that they absorb the rounding of the ones fixed before them
        co = []
        for d in range(deg, -1, -1):
            fixed = list(co)
            rest = lambda s, fixed=fixed, d=d: g(s) - sum(c * s**(d + 1 + k) for k, c in enumerate(reversed(fixed)))
            exact = mp.chebyfit(rest, [lo, hi], d + 1)
            co.append(round_to(exact[0], prec) if d > 0 else exact[0])
        c0 = co[-1]
        co[-1] = round_to(c0, prec)
        c0_lo = round_to(c0 - co[-1], prec)  # the constant term is kept as hi + lo
        worst = 0
        for i in range(2001):
            s = lo + (hi - lo) * i / 2000
            v = mp.mpf(0)
            for c in co:
                v = v * s + c
            worst = max(worst, abs((v + c0_lo) / g(s) - 1))
        co.append(c0_lo)
        out[name] = (co, worst, mid)
    return out


for prec, da, db, tmax in (('float', 12, 10, '10.5'), ('double', 24, 24, '27.5')):
    res = fit(prec, da, db, tmax)
    for name, (co, worst, mid) in res.items():
        print(f'// {prec} piece {name}: degree {len(co) - 2}, fit error {mp.nstr(worst, 3)} relative'
              + (f', y_mid = {(struct.unpack("f", struct.pack("f", float(mid)))[0] if prec == "float" else float(mid)).hex()}' if mid is not None else ''))
        suffix = 'f' if prec == 'float' else ''
        for c in co:
            f = float(c)
            h = struct.unpack('f', struct.pack('f', f))[0].hex() if prec == 'float' else f.hex()
            print(f'    {h.replace("0x1.0000000000000p", "0x1p")}{suffix},  // {mp.nstr(c, 10)}')
