#!/usr/bin/env python3
"""Fits the float polynomial of xact::gelu's fast path (include/xact/gelu.hpp) with mpmath.

With a = |x| and the Mills ratio written as Qh(a) = Phi(-a) e^(a^2/2) = erfc(a/sqrt 2) e^(a^2/2) / 2:

  S(y) = Qh(a) / y,  y = K / (K + a),  a in [0, A]      (one piece over the whole float range)
      a polynomial in s = y - y_mid. K = 4 is a power of two so that K + a is formed with an exact
      error term (a larger K needs a higher degree, a smaller one converges badly: the essential
      singularity of Qh at a = infinity is y = 0). s = y - y_mid is exact for every float y in
      [K / (K + A), 1] when y_mid is a multiple of 2^-24 in [1/4, K / (K + A) + 1/4]: s is then a
      multiple of the smaller of the two spacings and below 2^24 times it. y_mid at the top of that
      range (0.46) keeps |s| small both where S is smallest (large a) and at y = 1 (small a, where
      the derivative near its root needs S to full accuracy): Horner's scheme stays well
      conditioned at both ends.

The exponential's polynomial is the kernels' shared one (tools/fit/fit_exp.py). S is a least-squares
fit on Chebyshev nodes weighted by 1 / S (relative error), rounded to float one coefficient at a
time from the highest degree, the lower ones refitted each time. y_mid is searched among nearby floats for one whose constant term
lands close to a float (the constant term is not kept as hi + lo). Prints the coefficients, highest
degree first, and the largest relative error of the rounded polynomial on a dense grid (exact
arithmetic: the float evaluation adds its own roundings).
"""
import struct
import mpmath as mp

mp.mp.dps = 40
K = mp.mpf(4)
A = mp.mpf(15)         # beyond it gelu(-a) and gelu'(-a) are below half the smallest subnormal
DEG_S = 10


def rf(v):
    return mp.mpf(struct.unpack('f', struct.pack('f', float(v)))[0])


def Qh(a):
    t = a / mp.sqrt(2)
    return mp.erfc(t) * mp.exp(t * t) / 2


def lsq_rounded(f, weight, nodes, deg, shift=0, keep_const=False):
    """Rounds from the highest degree; returns coefficients (lowest first) and the unrounded c0."""
    fixed = {}
    fv = [f(x) for x in nodes]
    wv = [weight(x) for x in nodes]
    for d in range(deg, -1, -1):
        free = [j for j in range(deg + 1) if j not in fixed]
        rows = [[w * (x - shift) ** j for j in free] for x, w in zip(nodes, wv)]
        rhs = [w * (v - sum(c * (x - shift) ** j for j, c in fixed.items())) for x, v, w in zip(nodes, fv, wv)]
        sol = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
        value = sol[free.index(d)]
        fixed[d] = value if (d == 0 and keep_const) else rf(value)
        if d == 0:
            c0 = value
    return [fixed[j] for j in range(deg + 1)], c0


def fit_s():
    ylo = K / (K + A)
    S = lambda y: Qh(K * (1 - y) / y) / y
    nodes = [ylo + (1 - ylo) * (1 - mp.cos(mp.pi * (i + mp.mpf(0.5)) / 200)) / 2 for i in range(200)]
    best = None
    base = mp.floor(mp.mpf('0.46') * 2 ** 24) / 2 ** 24
    for i in range(24):
        ymid = base - i * mp.mpf(2) ** -19
        co, c0 = lsq_rounded(S, lambda y: 1 / S(y), nodes, DEG_S, shift=ymid)
        miss = abs(c0 - co[0]) / c0
        if best is None or miss < best[0]:
            best = (miss, ymid, co)
    _, ymid, co = best
    assert mp.mpf(1) / 4 <= ymid <= ylo + mp.mpf(1) / 4 and ymid * 2 ** 24 == int(ymid * 2 ** 24)
    grid = [ylo + (1 - ylo) * i / 4000 for i in range(4001)]
    err = max(abs(mp.polyval(co[::-1], y - ymid) / S(y) - 1) for y in grid)
    return ymid, co, err


def hexf(c):
    m, e = float(c).hex().split('p')
    return m.rstrip('0').rstrip('.') + 'p' + e + 'f'


def show(co):
    for c in reversed(co):
        print(f'        {hexf(c)},  // {mp.nstr(c, 10)}')


ymid, s, err_s = fit_s()
print(f'// S: K = {int(K)}, a <= {A}, degree {DEG_S} in y - y_mid, y_mid = {hexf(ymid)}, '
      f'fit error {mp.nstr(err_s, 3)} relative')
show(s)
