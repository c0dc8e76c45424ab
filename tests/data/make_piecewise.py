#!/usr/bin/env python3
"""Writes tests/data/piecewise.csv: reference values of hardswish, hardsigmoid, hardtanh, relu6,
softshrink, hardshrink and softsign, exact math with mpmath at 50 digits (the functions are
rational, so every value is exact before its rounding to float64). PyTorch is not used: where it
is importable its float64 values agree with these but for the documented differences (the kinks of
hardswish' at +-3, NaN through the backward), and the script does not depend on it.

Columns as tests/data/elementwise.csv: function,param,x,f(x),f'(x) with 17 significant digits;
param empty for the defaults, else the functor's parameters in member order separated by a space
(hardtanh: "min_val max_val"; softshrink, hardshrink: "lambda"). Kinks follow PyTorch's backward:
hardswish' is 0 at x = -3 and 1 at x = 3; the others are 0 at every kink. Limits at +-inf.

    python3 tests/data/make_piecewise.py > tests/data/piecewise.csv
"""
import struct

import mpmath as mp

mp.mp.dps = 50
INF = mp.inf


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def next_up(v, single=True):
    """The next float (single) or double above v."""
    fmt, ifmt = ('f', 'i') if single else ('d', 'q')
    b = struct.unpack(ifmt, struct.pack(fmt, v))[0]
    b = b + 1 if v >= 0 else b - 1
    if v == 0:
        b = 1
    return struct.unpack(fmt, struct.pack(ifmt, b))[0]


def next_down(v, single=True):
    return -next_up(-v, single)


def hardsigmoid(x, p):
    if x <= -3:
        return mp.mpf(0), mp.mpf(0)
    if x >= 3:
        return mp.mpf(1), mp.mpf(0)
    return (x + 3) / 6, mp.mpf(1) / 6


def hardswish(x, p):
    if x <= -3:
        return mp.mpf(0), mp.mpf(0)
    if x >= 3:
        return x, mp.mpf(1)
    return x * (x + 3) / 6, (2 * x + 3) / 6


def hardtanh(x, p):
    lo, hi = p if p else (mp.mpf(-1), mp.mpf(1))
    if x <= lo:
        return lo, mp.mpf(0)
    if x >= hi:
        return hi, mp.mpf(0)
    return x, mp.mpf(1)


def relu6(x, p):
    return hardtanh(x, (mp.mpf(0), mp.mpf(6)))


def softshrink(x, p):
    lam = p[0] if p else mp.mpf(0.5)
    if x > lam:
        return x - lam, mp.mpf(1)
    if x < -lam:
        return x + lam, mp.mpf(1)
    return mp.mpf(0), mp.mpf(0)


def hardshrink(x, p):
    lam = p[0] if p else mp.mpf(0.5)
    if abs(x) > lam:
        return x, mp.mpf(1)
    return mp.mpf(0), mp.mpf(0)


def softsign(x, p):
    if x == INF or x == -INF:
        return mp.sign(x), mp.mpf(0)
    a = 1 + abs(x)
    return x / a, 1 / (a * a)


# inputs shared by all: worked values, the tails, tiny and subnormal values, the largest floats
COMMON = [0.0, -0.0, 1e-30, -1e-30, 1e-40, -1e-40, 1e-8, -1e-8, 0.1, -0.1, 0.3, -0.3, 0.8, -0.8, 1.2, -1.2, 2.1,
          -2.1, 3.4, -3.4, 5.0, -5.0, 7.5, -7.5, 10.0, -10.0, 100.0, -100.0, 1e6, -1e6, 1e20, -1e20, 3e38, -3e38,
          3.4028234663852886e38, -3.4028234663852886e38, 1e300, -1e300, 'inf', '-inf', 'nan']
state = 2463534242
for _ in range(40):  # xorshift32: reproducible without numpy
    state ^= (state << 13) & 0xffffffff
    state ^= state >> 17
    state ^= (state << 5) & 0xffffffff
    COMMON.append(f32((state / 2**32) * 16 - 8))


def around(points):
    """Each point, and the floats and doubles next to it."""
    v = []
    for p in points:
        v += [p, next_up(p), next_down(p), next_up(p, False), next_down(p, False)]
    return v


KINKS = {
    'hardswish': around([-3.0, 3.0, -1.5, 0.0]) + [-2.9999, -1.4999, 2.9999, 1.5],
    'hardsigmoid': around([-3.0, 3.0, 0.0]) + [-2.9999, 2.9999, -1.5, 1.5],
    'hardtanh': around([-1.0, 1.0, 0.0]),
    'relu6': around([0.0, 6.0]) + [5.999, 6.5],
    'softshrink': around([-0.5, 0.5, 1.0, -1.0]),
    'hardshrink': around([-0.5, 0.5]),
    'softsign': [0.5, -0.5, 1.0, -1.0, 2.0, 1.8e19, 1e19, 1e25, 1e38],
}
# extra parameter sets: (text, values, kinks of that parameter)
PARAMS = {
    'hardtanh': [('-2 3', (mp.mpf(-2), mp.mpf(3)), around([-2.0, 3.0])), ('0 6', (mp.mpf(0), mp.mpf(6)), around([6.0]))],
    'softshrink': [('1', (mp.mpf(1),), around([-1.0, 1.0, 2.0])), ('0', (mp.mpf(0),), [])],
    'hardshrink': [('0.25', (mp.mpf(0.25),), around([-0.25, 0.25])), ('0', (mp.mpf(0),), [])],
}
FUNCTIONS = [('hardswish', hardswish), ('hardsigmoid', hardsigmoid), ('hardtanh', hardtanh), ('relu6', relu6),
             ('softshrink', softshrink), ('hardshrink', hardshrink), ('softsign', softsign)]


def fmt(v):
    if isinstance(v, str):
        return v
    if mp.isnan(v):
        return 'nan'
    if mp.isinf(v):
        return 'inf' if v > 0 else '-inf'
    d = float(v)
    if d == 0:
        return "0.0"
    return repr(float(v))


def value(x):
    return {'inf': INF, '-inf': -INF, 'nan': mp.nan}.get(x, None) if isinstance(x, str) else mp.mpf(x)


def rows(name, fn, param_text, params, xs):
    out = []
    seen = set()
    for x in xs:
        key = x if isinstance(x, str) else struct.pack('d', x)
        if key in seen:
            continue
        seen.add(key)
        xv = value(x)
        if isinstance(x, str) and x == 'nan':
            out.append(f'{name},{param_text},nan,nan,nan')
            continue
        f, d = fn(xv, params)
        xs_text = x if isinstance(x, str) else repr(float(x))
        out.append(f'{name},{param_text},{xs_text},{fmt(f)},{fmt(d)}')
    return out


def main():
    print('# function,param,x,f(x),f\'(x)  (exact math, mpmath at 50 digits, rounded to float64; made by')
    print('# make_piecewise.py; param empty = default, else the members in order separated by a space;')
    print('# kinks as PyTorch\'s backward, hardswish\' 0 at -3 and 1 at 3; limits at +-inf)')
    for name, fn in FUNCTIONS:
        for line in rows(name, fn, '', None, COMMON + KINKS[name]):
            print(line)
        for text, params, kinks in PARAMS.get(name, []):
            for line in rows(name, fn, text, params, COMMON + kinks):
                print(line)


if __name__ == '__main__':
    main()
