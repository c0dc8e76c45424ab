#!/usr/bin/env python3
"""Writes tests/data/transcendental.csv: reference values of softplus, mish, celu, logsigmoid,
tanhshrink and quick_gelu, evaluated with mpmath at 60 significant digits or more (tanhshrink
near 0, where x - tanh x cancels, at 60 + 3 log10(1/|x|) digits; the tails through log1p and
expm1). Columns as elementwise.csv: function,param,x,f(x),f'(x), 17 significant digits; param
empty = the functor's default; limits at +-inf; f'(0) from PyTorch's backward.

quick_gelu's constant is 1.702 rounded to the functor's type: rows `quick_gelu` use the double
constant, rows `quick_gelu_float` the float one (on float inputs).

    python3 tests/data/make_transcendental.py > tests/data/transcendental.csv
"""
import math
import struct

import mpmath as mp

mp.mp.dps = 60
INF = float('inf')


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def sig(z):
    return 1 / (1 + mp.exp(-z))


def softplus(x, beta):
    z = beta * x
    return mp.log1p(mp.exp(z)) / beta, sig(z)


def mish(x, _):
    sp = mp.log1p(mp.exp(x))
    t = mp.tanh(sp)
    return x * t, t + x * sig(x) / mp.cosh(sp) ** 2


def celu(x, alpha):
    if x > 0:
        return x, mp.mpf(1)
    return alpha * mp.expm1(x / alpha), mp.exp(x / alpha)


def logsigmoid(x, _):
    return -mp.log1p(mp.exp(-x)), sig(-x)


def tanhshrink(x, _):
    digits = 60 + (3 * int(-mp.log10(abs(x))) if x != 0 and abs(x) < 1 else 0)
    with mp.workdps(digits):
        return x - mp.tanh(x), mp.tanh(x) ** 2


def quick_gelu(c):
    def f(x, _):
        s = sig(c * x)
        return x * s, s + c * x * s * sig(-c * x)
    return f


# (name, function, params: (text, value) with '' the default, limits (f, f') at -inf and +inf)
FUNCTIONS = [
    ('softplus', softplus, [('', 1), ('2.0', 2), ('0.5', 0.5)], ((0, 0), (INF, 1))),
    ('mish', mish, [('', None)], ((0, 0), (INF, 1))),
    ('celu', celu, [('', 1), ('0.5', 0.5), ('2.0', 2)], ((None, 0), (INF, 1))),  # celu(-inf) = -alpha
    ('logsigmoid', logsigmoid, [('', None)], ((-INF, 1), (0, 0))),
    ('tanhshrink', tanhshrink, [('', None)], ((-INF, 1), (INF, 1))),
    ('quick_gelu', quick_gelu(mp.mpf(1.702)), [('', None)], ((0, 0), (INF, 1))),
    ('quick_gelu_float', quick_gelu(mp.mpf(f32(1.702))), [('', None)], ((0, 0), (INF, 1))),
]

# the special values, the tails (float subnormal results from -87.3 on, double from -708), the
# branch points (tanhshrink at +-1, mish' on (-1/2, 0)), then a spread and small magnitudes
X = [0.0, -0.0, 1e-30, -1e-30, 1e-8, -1e-8, 1e-4, -1e-4, 0.1, -0.1, 0.5, -0.5, 1.0, -1.0, 2.1, -0.4, -1.5, 0.3,
     0.8, -0.8, 3.4, -2.1, 2.0, -3.0, 3.0, 5.0, -5.0, 6.0, -6.0, 8.0, -8.0, 10.0, -10.0, 15.0, -15.0, 20.0, -20.0,
     30.0, -30.0, 50.0, -50.0, 80.0, -80.0, 88.0, -88.0, 100.0, -100.0, -103.0, -104.0, 700.0, -700.0, -745.0,
     10000.0, -10000.0, 1e30, -1e30, 0.99999994, 1.00000012, -0.99999994, -1.00000012, -0.25, -0.2, -0.16, 0.16,
     0.04486, -0.0626, 0.177]
state = 2463534242
for i in range(200):  # xorshift32: reproducible without numpy
    state ^= (state << 13) & 0xffffffff
    state ^= state >> 17
    state ^= (state << 5) & 0xffffffff
    u = state / 2 ** 32
    X.append((u - 0.5) * 24 if i < 150 else math.copysign(10 ** (-9 * u), u - 0.5))
SPECIALS = [-INF, INF, float('nan')]


def fmt(v):
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return '%.17g' % v


print('# function,param,x,f(x),f\'(x) (tests/data/make_transcendental.py: mpmath, 60 digits or more, '
      'rounded to float64)')
for name, fn, params, lim in FUNCTIONS:
    for ptext, p in params:
        for x in X:
            if name == 'quick_gelu_float':
                x = f32(x)
                if abs(x) > 1e30:
                    continue
            fx, dfx = fn(mp.mpf(x), p)
            if x == 0 and math.copysign(1, x) < 0 and name in ('mish', 'celu', 'tanhshrink', 'quick_gelu',
                                                               'quick_gelu_float'):
                fx = -0.0  # odd at 0, or x g(x): the sign of zero is kept
            print(','.join([name, ptext, repr(x), fmt(fx), fmt(dfx)]))
        for x in SPECIALS:
            if math.isnan(x):
                fx = dfx = float('nan')
            else:
                fx, dfx = lim[0] if x < 0 else lim[1]
                if fx is None:
                    fx = -(p if p is not None else 1)
            print(','.join([name, ptext, fmt(x), fmt(fx), fmt(dfx)]))
