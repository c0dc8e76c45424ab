#!/usr/bin/env python3
"""Fits the polynomial of xact::tanhshrink (include/xact/tanhshrink.hpp) with mpmath.

For |x| < 1, x - tanh x = x^3 g(x^2) with g(y) = (x - tanh x) / x^3 at x = sqrt(y), g(0) = 1/3:
evaluated so, nothing cancels near 0. g is smooth on [0, 1] (the nearest singularity is at
y = -(pi/2)^2), and a Chebyshev fit (mpmath's chebyfit, 60 digits) of degree 8 (float) or 15
(double) is within a small fraction of 2^-p; the coefficients are rounded to the type, and the
largest relative error of the rounded polynomial against g on a dense grid is printed in units of
2^-p (the rounding of 1/3 dominates: 0.54 for float, 0.5 for double). The derivative reuses g:
tanh x = x (1 - x^2 g(x^2)).

    python3 tools/fit/fit_tanhshrink.py
"""
import struct

import mpmath as mp

mp.mp.dps = 60


def g(y):
    if y == 0:
        return mp.mpf(1) / 3
    x = mp.sqrt(y)
    return (x - mp.tanh(x)) / x ** 3


def f32(v):
    return struct.unpack('f', struct.pack('f', float(v)))[0]


for name, terms, rnd, p in (('float', 9, f32, 24), ('double', 16, float, 53)):
    c, err = mp.chebyfit(g, [0, 1], terms, error=True)
    rounded = [mp.mpf(rnd(ci)) for ci in c]
    worst = max(abs(mp.polyval(rounded, mp.mpf(i) / 2000) / g(mp.mpf(i) / 2000) - 1) for i in range(2001))
    suffix = 'f' if name == 'float' else ''
    print('%s: degree %d, fit error %.3g, rounded: %.3f x 2^-%d relative' % (name, terms - 1, float(err),
                                                                         float(worst) * 2 ** p, p))
    print('    ' + ', '.join(float(rnd(ci)).hex() + suffix for ci in c))
