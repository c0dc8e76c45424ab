import mpmath as mp, csv, sys
mp.mp.dps = 120
LAM = mp.mpf('1.0507009873554804934193349852946'); ALP = mp.mpf('1.6732632423543772848170429916717')
def sig(z): return 1/(1+mp.exp(-z))
def f(name, p, x):
    if name == 'sigmoid': return sig(x), sig(x)*sig(-x)
    if name == 'tanh': return mp.tanh(x), 1/mp.cosh(x)**2
    if name == 'swish':
        b = p if p is not None else mp.mpf(1); s = sig(b*x); return x*s, s + b*x*s*sig(-b*x)
    if name == 'gelu':
        Phi = mp.erfc(-x/mp.sqrt(2))/2; return x*Phi, Phi + x*mp.exp(-x*x/2)/mp.sqrt(2*mp.pi)
    if name == 'gelu_tanh':
        k = mp.sqrt(2/mp.pi); u = k*(x + mp.mpf('0.044715')*x**3); s = sig(2*u)
        du = 2*k*(1 + 3*mp.mpf('0.044715')*x*x)
        return x*s, s + x*du*s*sig(-2*u)
    if name == 'elu':
        a = p if p is not None else mp.mpf(1); return (x if x > 0 else a*mp.expm1(x)), (1 if x > 0 else a*mp.exp(x))
    if name == 'selu':
        return (LAM*x if x > 0 else LAM*ALP*mp.expm1(x)), (LAM if x > 0 else LAM*ALP*mp.exp(x))
    return None
lines = open(__import__('os').path.join(__import__('os').path.dirname(__file__), 'elementwise.csv')).read().split('\n')
out = []; fixed = 0; worst = {}
for line in lines:
    if not line or line.startswith('#'): out.append(line); continue
    r = line.split(',')
    name, p, xs = r[0], r[1], r[2]
    x = mp.mpf(float(xs)) if xs not in ('nan','inf','-inf') else None
    res = f(name, mp.mpf(float(p)) if p else None, x) if x is not None else None
    if res is None: out.append(line); continue
    for col, v in ((3, res[0]), (4, res[1])):
        old = float(r[col]); new = float(v)
        if old != new:
            rel = abs(old-new)/abs(new) if new != 0 else abs(old)
            worst[name] = max(worst.get(name, 0), rel)
            if rel > 1e-15:
                fixed += 1
                print('fix', name, p, xs, 'col', col, old, '->', repr(new), 'rel', rel, file=sys.stderr)
                r[col] = repr(new)
    out.append(','.join(r))
print('rows changed', fixed, 'worst rel per function', worst, file=sys.stderr)
if len(sys.argv) > 1: open(sys.argv[1], 'w').write('\n'.join(out))
