#!/usr/bin/env python3
"""Writes tests/data/gated.csv: reference values of the gated linear units, y = f(a) b,
da = dy b f'(a), db = dy f(a), for f in silu, gelu, gelu_tanh, relu, sigmoid, evaluated with
mpmath at 60 digits on inputs that are exact floats (so the same rows serve float and double).
Columns: function,a,b,dy,y,da,db with 17 significant digits.

    python3 tests/data/make_gated.py > tests/data/gated.csv
"""
import struct

import mpmath as mp

mp.mp.dps = 60


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def sig(z):
    return 1 / (1 + mp.exp(-z))


def silu(x):
    s = sig(x)
    return x * s, s + x * s * sig(-x)


def gelu(x):
    phi = mp.erfc(-x / mp.sqrt(2)) / 2
    return x * phi, phi + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def gelu_tanh(x):
    k = mp.sqrt(2 / mp.pi)
    c = mp.mpf('0.044715')
    z = 2 * k * (x + c * x ** 3)
    s = sig(z)
    dz = 2 * k * (1 + 3 * c * x * x)
    return x * s, s + x * dz * s * sig(-z)


def relu(x):
    return (x if x > 0 else mp.mpf(0)), (mp.mpf(1) if x > 0 else mp.mpf(0))


def sigmoid(x):
    s = sig(x)
    return s, s * sig(-x)


FUNCTIONS = [('silu', silu), ('gelu', gelu), ('gelu_tanh', gelu_tanh), ('relu', relu), ('sigmoid', sigmoid)]

# gate inputs: the tails, the roots of f' (silu -1.2785, gelu -0.7518), 0, and a spread
A = [-100.0, -90.0, -87.5, -50.0, -30.0, -12.0, -9.0, -5.0, -2.5, -1.2785, -1.0, -0.7518, -0.3, -1e-3, -1e-20,
     0.0, 1e-20, 1e-3, 0.3, 0.7518, 1.0, 1.2785, 2.5, 5.0, 9.0, 12.0, 30.0, 90.0]
state = 2463534242
for _ in range(60):  # xorshift32: reproducible without numpy
    state ^= (state << 13) & 0xffffffff
    state ^= state >> 17
    state ^= (state << 5) & 0xffffffff
    A.append((state / 2 ** 32 - 0.5) * 24)
B = [1.0, -2.5, 0.75, 3.0e-5, -1e-20, 1e20, 7.0]
DY = [1.0, 0.5, -1.25, 2.0e-3, 1e-20]


print('# function,a,b,dy,y,da,db (tests/data/make_gated.py: mpmath, 60 digits)')
for name, fn in FUNCTIONS:
    for i, a in enumerate(A):
        a = f32(a)
        b = f32(B[i % len(B)])
        dy = f32(DY[(i // len(B)) % len(DY)])
        x = mp.mpf(a)
        fx, dfx = fn(x)
        y = fx * b
        da = mp.mpf(dy) * b * dfx
        db = mp.mpf(dy) * fx
        print(','.join([name, repr(a), repr(b), repr(dy), '%.17g' % float(y), '%.17g' % float(da),
                        '%.17g' % float(db)]))
