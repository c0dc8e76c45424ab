#!/usr/bin/env python3
"""Turns xact_bench's JSON output into docs/PERFORMANCE.md and the data for docs/performance.png.

usage: report.py BENCH.json OUT.md CHART.dat [--mode quick|full] [--command CMD] [--extra MORE.json]
                 [--accuracy DIR] [--binary xact_bench]
CHART.dat gets one row per activation: name, then forward G elements/s of xact, oneDNN, XNNPACK,
Eigen, SLEEF, ATen and backward of xact, oneDNN, ATen at n = 65536 (f32), "-" where a library has
no such kernel. --extra merges the rows of further runs (such as ATen under ATEN_CPU_CAPABILITY);
--accuracy DIR reads xact_accuracy's --markdown reports acc_<lib>.md for the max ULP columns.
"""
import argparse
import datetime
import json
import os
import re
import subprocess

N = 65536
BIG = 1 << 24
ACTS = ["identity", "step", "relu", "leaky_relu", "prelu", "elu", "selu", "sigmoid", "tanh",
        "swish", "gelu_tanh", "gelu"]
DIRS = ["forward", "backward", "backward_from_output"]
LIBS = ["xact", "onednn", "xnnpack", "naive"]
LIB_TITLE = {"xact": "xact", "onednn": "oneDNN", "xnnpack": "XNNPACK", "naive": "naive std::"}
SHAPES = ["256x1000", "32x32000", "4096x64"]
# Every peer with elementwise rows, in the order of the tables; torch_<capability> rows come from a
# second run under ATEN_CPU_CAPABILITY (bench.sh, on CPUs with AVX-512).
PEERS = ["onednn", "xnnpack", "eigen", "sleef", "sleef_u35", "torch", "torch_avx512"]
PEER_TITLE = {"onednn": "oneDNN", "xnnpack": "XNNPACK", "eigen": "Eigen", "sleef": "SLEEF u10",
              "sleef_u35": "SLEEF u35", "torch": "ATen", "torch_avx512": "ATen avx512"}
ACC_DIR = {"forward": "forward", "derivative": "backward", "from_output": "backward_from_output"}
MEMORY_ROWS = ["relu", "leaky_relu", "identity"]  # forward: held to memcpy, not to 1.5x oneDNN
HISTORY = "## History and experiments"  # this section of the page is kept from run to run

# (what, lib, peer, direction set, n, required ratio) for the speed targets.
PEER_TARGET_ACTS = ["relu", "leaky_relu", "elu", "tanh", "sigmoid", "swish", "gelu_tanh", "gelu", "identity"]
ACTS += ["hardswish", "hardsigmoid", "hardtanh", "relu6", "softshrink", "hardshrink", "softsign"]
PEER_TARGET_ACTS += ["hardswish", "hardtanh", "relu6"]
# the memory-bound piecewise functions: forward at n = N against memcpy at the same bytes
MEMCPY_TARGET_ACTS = ["hardtanh", "relu6", "hardsigmoid", "hardswish", "softshrink", "hardshrink"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def gs(v):
    """G elements/s, 2 significant decimals; '-' when missing."""
    return "-" if v is None else f"{v / 1e9:.2f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def rs(r):
    return "-" if r is None else f"{r:.2f}x"


def loop_counts(binary, isa):
    """Per (activation, direction): vector instructions per batch in the main loop of xact's kernel,
    read from the benchmark binary's disassembly (objdump). The main loop is the smallest backward
    branch whose body stores four whole vectors (the kernels' four-batch step); instructions that
    only move a register or touch the stack are counted apart. Empty when objdump is missing."""
    try:
        text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", binary],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    counts = {}
    if "+" in isa:  # xsimd's name of an extension over a base, such as fma3+avx2: fma3<xsimd::avx2>
        ext, base = isa.split("+", 1)
        isa = f"{ext}<xsimd::{base}>"
    head_re = re.compile(r"transform<float, xsimd::" + re.escape(isa) +
                         r", xact::(forward|backward)<xact::(\w+)<float>")
    store_re = re.compile(r"vmov(?:u|nt|a)ps\s+%[xyz]mm\d+,\s*-?(?:0x[0-9a-f]+)?\(%r(?!sp)")
    for func in re.split(r"\n(?=[0-9a-f]+ <)", text):
        m = head_re.search(func.split("\n", 1)[0])
        if not m or (m.group(2), m.group(1)) in counts:
            continue
        ins = []
        for line in func.split("\n")[1:]:
            lm = re.match(r"\s+([0-9a-f]+):\s+(.*)", line)
            if lm:
                ins.append((int(lm.group(1), 16), lm.group(2).strip()))
        best = None
        for addr, t in ins:
            jm = re.match(r"j\w+\s+([0-9a-f]+)", t)
            if jm and int(jm.group(1), 16) < addr:
                body = [x for x in ins if int(jm.group(1), 16) <= x[0] <= addr]
                if sum(1 for _, bt in body if store_re.match(bt)) == 4 and (best is None or len(body) < len(best)):
                    best = body
        if best is None:
            continue
        c = {"ops": 0, "div": 0, "perm": 0, "stack": 0}
        for _, t in best:
            op = t.split()[0]
            if not op.startswith("v"):
                continue
            if "%rsp" in t:
                c["stack"] += 1
            elif op in ("vmovaps", "vmovups") and "(" not in t:
                continue  # a register copy
            elif op.startswith("vmov") and "(" in t:
                continue  # the loads and stores of the data
            else:
                c["ops"] += 1
                c["div"] += op.startswith("vdiv")
                c["perm"] += op.startswith("vperm")
        counts[(m.group(2), m.group(1))] = {k: v / 4 for k, v in c.items()}
    return counts


def read_accuracy(folder):
    """(lib, act, bench direction) -> max ULP string from xact_accuracy --markdown reports acc_<lib>.md
    in folder (max ULP-dagger for derivatives with a root; 'inf' when a finite input gave a non-finite
    result), and the stride of the sweep."""
    out, stride = {}, None
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return out, stride
    for name in names:
        m = re.match(r"acc_(\w+)\.md$", name)
        if not m:
            continue
        lib = m.group(1)
        with open(os.path.join(folder, name)) as f:
            text = f.read()
        sm = re.search(r"stride (\d+) over", text)
        stride = int(sm.group(1)) if sm else stride
        for line in text.split("## float64")[0].splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 11 or cells[1] not in ACC_DIR or not cells[2].isdigit():
                continue
            fn, d = cells[0], ACC_DIR[cells[1]]
            v = cells[6] if cells[6] not in ("=", "-") else cells[3]
            if cells[9] != "0":
                v = "inf"
            else:
                try:
                    x = float(v)
                    v = f"{x:.2f}" if x < 10 else f"{x:.0f}" if x < 1000 else f"{x:.1e}"
                except ValueError:
                    pass
            out[(lib, fn, d)] = v
    return out, stride


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("md")
    ap.add_argument("chart")
    ap.add_argument("--mode", default="quick")
    ap.add_argument("--command", default="bash scripts/bench.sh")
    ap.add_argument("--binary", default=None, help="xact_bench, for the instruction counts of its kernels")
    ap.add_argument("--extra", action="append", default=[], help="JSON of a further run whose rows are merged")
    ap.add_argument("--accuracy", default=None, help="directory of xact_accuracy reports acc_<lib>.md")
    a = ap.parse_args()

    with open(a.json) as f:
        data = json.load(f)
    for extra in a.extra:
        try:
            with open(extra) as f:
                data["benchmarks"] += json.load(f)["benchmarks"]
        except (OSError, ValueError, KeyError):
            pass
    ctx = data["context"]
    ulp, acc_stride = read_accuracy(a.accuracy) if a.accuracy else ({}, None)
    ips = {}   # name -> items/s
    bps = {}   # name -> bytes/s
    # With --benchmark_repetitions the JSON holds aggregates: take each benchmark's median.
    # Without, one iteration row per benchmark.
    medians = any(b.get("aggregate_name") == "median" for b in data["benchmarks"])
    reps = 1
    for b in data["benchmarks"]:
        if "error_occurred" in b:
            continue
        if medians:
            if b.get("aggregate_name") != "median":
                continue
            name = b.get("run_name", b["name"].rsplit("_", 1)[0])
            reps = max(reps, int(b.get("repetitions", reps)))
        elif b.get("run_type", "iteration") != "iteration":
            continue
        else:
            name = b["name"]
        ips[name] = b.get("items_per_second")
        bps[name] = b.get("bytes_per_second")

    def get(lib, act, d, n=N, t="f32"):
        return ips.get(f"{lib}/{act}/{d}/{t}/{n}")

    out = []
    w = out.append
    cxx = "c++"  # the compiler the build used, from the CMake cache next to the JSON when present
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(a.json)), "CMakeCache.txt")) as f:
            m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.+)$", f.read(), re.M)
            cxx = m.group(1) if m else cxx
    except OSError:
        pass
    cc = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout.splitlines()
    isa = ctx.get("xact_isa", "unknown")
    w("# xact performance\n")
    w("Generated by `scripts/bench.sh` from one run of `xact_bench`; numbers are from this machine and "
      "this run only. Regenerate with the command under *Reproduce*.\n")
    w("| | |\n|---|---|")
    w(f"| CPU | {cpu_model()} ({ctx.get('num_cpus', '?')} logical CPUs visible, "
      f"{ctx.get('mhz_per_cpu', '?')} MHz) |")
    flags = cpu_flags()
    w(f"| CPU features | {', '.join(f for f in ['avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl'] if f in flags)} |")
    w(f"| Date | {ctx.get('date', datetime.datetime.now().isoformat())} |")
    w(f"| Compiler | {cc[0] if cc else 'g++ ' + ctx.get('compiler', '?')} (`-O3 -march=native`, Release) |")
    w(f"| xact ISA (xsimd::default_arch) | {isa} |")
    w(f"| Threads | 1 (OMP_NUM_THREADS={ctx.get('omp_num_threads', '?')}) |")
    w(f"| Mode | {a.mode} (`--benchmark_min_time` "
      f"{'0.1 s, n in {65536, 16M}, f32' if a.mode == 'quick' else 'default, every size and type'}) |")
    w(f"| Load average at start | {', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))} |")
    skipped = [k for k, v in ctx.items() if v == "skipped"]
    if skipped:
        w(f"| Skipped | {', '.join(k.replace('peer ', '') for k in skipped)} |")
    w("")

    # ---- instruction costs and counts (tables written further down)
    machine = {k.split("/")[1]: (k.split("/")[2], v) for k, v in ips.items() if k.startswith("machine/") and v}
    lanes = {"zmm": 16, "ymm": 8, "xmm": 4}.get(next(iter(machine.values()))[0], 0) if machine else 0
    t_op = t_div = t_perm = None
    if machine:
        simple = [1e9 / machine[k][1] for k in machine if k.lstrip("v").startswith(("add", "fmadd", "max"))]
        t_op = min(simple) if simple else None
        t_div = next((1e9 / machine[k][1] for k in machine if "div" in k), None)
        t_perm = next((1e9 / machine[k][1] for k in machine if "perm" in k), None)
    counts = loop_counts(a.binary, isa) if a.binary else {}

    def floor_ns(act, d):
        """The instruction floor of xact's kernel, ns per batch, and its counts; None if unknown."""
        c = counts.get((act, d))
        if not c or not t_op:
            return None, c
        return max(c["ops"] * t_op, c["div"] * (t_div or 0), c["perm"] * (t_perm or 0)), c

    # ---- peers present, and the fastest one per row
    peers = [p for p in PEERS if any(k.startswith(p + "/") for k in ips)]
    peers += sorted({k.split("/")[0] for k in ips if k.startswith("torch_")} - set(peers))

    def fastest(act, d):
        best = None
        for p in peers:
            v = get(p, act, d)
            if v and (best is None or v > get(best, act, d)):
                best = p
        return best

    def dname(d):
        return "from output" if d == "backward_from_output" else d

    # ---- targets
    w("## Speed targets\n")
    w("Targets at n = 65536 f32, one thread. A ratio is xact's items/s over the peer's, both measured "
      "in this run: every row at least 1.0x the fastest peer that has it (whatever that peer's "
      "accuracy; its max ULP is given beside), at least 1.5x oneDNN where compute bound, and the "
      "memory-bound forward rows (relu, leaky_relu, identity) at least 0.95x memcpy's bytes/s.\n")
    w("| Target | Required | Measured | Status | Note |\n|---|---|---|---|---|")
    met = total = 0
    mem = bps.get(f"memcpy/f32/{N}")

    def target(label, need, r, peer_key=None):
        nonlocal met, total
        total += r is not None
        met += r is not None and r >= need
        status = "NOT MEASURED" if r is None else ("MET" if r >= need else "NOT MET")
        note = ""
        # A peer already moving data at more than memcpy / need leaves no room for the target.
        missed = peer_key is not None and r is not None and r < need
        own_key = "xact/" + peer_key.split("/", 1)[1] if peer_key else None
        if peer_key and mem and bps.get(peer_key) and bps[peer_key] * need > mem:
            note = f"peer runs at {100 * bps[peer_key] / mem:.0f}% of memcpy's bytes/s: {need:g}x it exceeds memcpy"
        elif missed and mem and min(bps.get(peer_key) or 0, bps.get(own_key) or 0) > 0.8 * mem:
            note = (f"both at memcpy's rate: xact {100 * bps[own_key] / mem:.0f}%, "
                    f"peer {100 * bps[peer_key] / mem:.0f}% of its bytes/s")
        elif missed and ips.get(peer_key) and lanes:
            # Compute bound: the time per batch the target asks for against the kernel's floor.
            fl, c = floor_ns(*peer_key.split("/")[1:3])
            took = lanes * 1e9 / ips[own_key]
            want = lanes * 1e9 / (need * ips[peer_key])
            if fl is not None:
                what = f"{c['ops']:.0f} instructions" + (f", {c['div']:.0f} division" if c["div"] else "")
                note = (f"needs {want:.2f} ns per {lanes} floats; the kernel takes {took:.2f}, its floor "
                        f"({what}) is {fl:.2f}")
                if want < fl:
                    note += ": below the floor"
        shown = rs(r)
        digits = 2
        while r is not None and digits < 5 and f"{r:.{digits}f}" == f"{need:.{digits}f}" and r != need:
            digits += 1  # 0.9996x is not met: show the digit that says so
            shown = f"{r:.{digits}f}x"
        w(f"| {label} | >= {need:g}x | {shown} | {status} | {note} |")

    for act in ACTS:
        for d in DIRS:
            fp = fastest(act, d)
            if fp is None or get("xact", act, d) is None:
                continue
            target(f"{act} {dname(d)} vs the fastest peer, {PEER_TITLE.get(fp, fp)} "
                   f"(max {ulp.get((fp, act, d), '?')} ULP; xact {ulp.get(('xact', act, d), '?')})", 1.0,
                   ratio(get("xact", act, d), get(fp, act, d)), f"{fp}/{act}/{d}/f32/{N}")
    for act in PEER_TARGET_ACTS:
        for d in ["forward", "backward"]:
            if d == "forward" and act in MEMORY_ROWS:
                target(f"{act} forward vs memcpy (bytes/s)", 0.95,
                       ratio(bps.get(f"xact/{act}/forward/f32/{N}"), mem))
                continue
            target(f"{act} {d} vs oneDNN", 1.5, ratio(get("xact", act, d), get("onednn", act, d)),
                   f"onednn/{act}/{d}/f32/{N}")
    for act in MEMCPY_TARGET_ACTS:
        target(f"{act} forward vs memcpy", 0.9, ratio(get("xact", act, "forward"), ips.get(f"memcpy/f32/{N}")))
    sm = ips.get("xact/softmax/forward/f32/256x1000")
    smp = [v for v in (ips.get("onednn/softmax/forward/f32/256x1000"),
                       ips.get("xnnpack/softmax/forward/f32/256x1000")) if v]
    target("softmax forward 256x1000 vs faster of oneDNN, XNNPACK", 1.2, ratio(sm, max(smp) if smp else None))
    target("relu forward at 16M vs memcpy at 16M", 0.9,
           ratio(get("xact", "relu", "forward", BIG), ips.get(f"memcpy/f32/{BIG}")))
    w(f"\n{met} of {total} measured targets met.\n")

    # ---- main table
    w(f"## Elementwise activations, f32, n = {N}\n")
    w("G elements/s (higher is better), each library's max ULP error in brackets"
      + (f" (xact_accuracy, every {acc_stride}th float bit pattern; a derivative with a root counts "
         "only points not within 2^-24 absolute, as xact's bound; inf: a finite input gave inf or NaN)"
         if acc_stride else "") + ". *from output* is the backward pass computed from y = f(x). "
      "Eigen and SLEEF have no derivatives; XNNPACK has no backward kernels; oneDNN has no step, "
      "prelu, selu eltwise. Eigen's and SLEEF's gelu, gelu_tanh, silu (swish), elu, selu, and "
      "SLEEF's sigmoid are composed from their functions as a user would (`bench/peer_eigen.cpp`, "
      "`bench/peer_sleef.cpp`). ATen: `at::*_out` on one thread"
      + (f", CPU capability {ctx['torch_capability']}" if ctx.get("torch_capability") else "") + ".\n")
    cols = ["xact"] + peers

    def cell(lib, act, d):
        v = get(lib, act, d)
        if v is None:
            return "-"
        u = ulp.get((lib, act, d))
        return gs(v) + (f" [{u}]" if u else "")

    w("| Activation | Direction | " + " | ".join(PEER_TITLE.get(c, c) for c in cols)
      + " | naive | fastest peer | xact / fastest |")
    w("|---|---|" + "---:|" * (len(cols) + 1) + "---|---:|")
    chart = []
    for act in ACTS:
        for d in DIRS:
            if get("xact", act, d) is None and get("naive", act, d) is None:
                continue
            fp = fastest(act, d)
            w(f"| {act} | {dname(d)} | " + " | ".join(cell(c, act, d) for c in cols)
              + f" | {gs(get('naive', act, d))} | {PEER_TITLE.get(fp, fp) if fp else '-'} | "
              + f"{rs(ratio(get('xact', act, d), get(fp, act, d)) if fp else None)} |")
        row = [act]
        row += [gs(get(lib, act, "forward")) for lib in ["xact", "onednn", "xnnpack", "eigen", "sleef", "torch"]]
        row += [gs(get(lib, act, "backward")) for lib in ["xact", "onednn", "torch"]]
        if row[1] != "-":
            chart.append(row)
    w("\n![G elements/s per activation, f32, n = 65536](performance.png)\n")

    # ---- f64
    f64 = [act for act in ACTS if get("xact", act, "forward", N, "f64")]
    if f64:
        w(f"### f64, n = {N}\n")
        w("| Activation | xact fwd | naive fwd | xact bwd | naive bwd |\n|---|---:|---:|---:|---:|")
        for act in f64:
            w(f"| {act} | " + " | ".join(gs(get(lib, act, d, N, "f64")) for d in ["forward", "backward"]
                                         for lib in ["xact", "naive"]) + " |")
        w("")

    # ---- per-ISA rows through xact::runtime
    isas = [i for i in ["avx512", "avx2", "sse2"] if any(k.startswith(f"runtime/{i}/") for k in ips)]
    if isas:
        names = sorted({k.split("/")[2] for k in ips if k.startswith("runtime/")})
        w(f"## The same kernels per instruction set (xact::runtime, f32, n = {N})\n")
        w("G elements/s of the kernels compiled for each instruction set, chosen through "
          "`xact::runtime::find_for_isa`, in the same run.\n")
        w("| Activation | " + " | ".join(f"{i} fwd" for i in isas) + " | " + " | ".join(f"{i} bwd" for i in isas)
          + " |\n|---|" + "---:|" * (2 * len(isas)))
        for act in names:
            w(f"| {act} | " + " | ".join(gs(ips.get(f"runtime/{i}/{act}/{d}/f32/{N}")) for d in ["forward", "backward"]
                                         for i in isas) + " |")
        w("")

    # ---- sizes and memcpy
    ns = sorted({int(k.rsplit("/", 1)[1]) for k in ips if k.startswith("memcpy/f32/")})
    w("## Sizes and the memcpy baseline (f32)\n")
    w("memcpy moves n floats (reads n, writes n): its bytes/s is the bandwidth a forward kernel (same "
      "traffic) can reach at that size. The row is glibc's memcpy, whose strategy for large copies "
      "differs from a kernel's load/store loop. xact's kernels write an output of 16 MiB or more "
      "(`XACT_STREAM_BYTES`) with non-temporal stores, which skip reading each destination line "
      "before writing it, so at 16M they can exceed memcpy. G elements/s:\n")
    w("| Kernel | " + " | ".join(str(n) for n in ns) + " |\n|---|" + "---:|" * len(ns))
    w("| memcpy | " + " | ".join(gs(ips.get(f"memcpy/f32/{n}")) for n in ns) + " |")
    w("| memcpy GB/s | " + " | ".join("-" if bps.get(f"memcpy/f32/{n}") is None else
                                     f"{bps[f'memcpy/f32/{n}'] / 1e9:.1f}" for n in ns) + " |")
    for act in ACTS:
        for lib in ["xact", "onednn"]:
            if any(get(lib, act, "forward", n) for n in ns):
                w(f"| {lib} {act} forward | " + " | ".join(gs(get(lib, act, "forward", n)) for n in ns) + " |")
    w("")
    r16 = ratio(get("xact", "relu", "forward", BIG), ips.get(f"memcpy/f32/{BIG}"))
    w(f"relu forward at n = 16M: {gs(get('xact', 'relu', 'forward', BIG))} G elements/s, memcpy "
      f"{gs(ips.get(f'memcpy/f32/{BIG}'))} G elements/s, ratio {rs(r16)}.\n")

    # ---- softmax
    w("## Softmax and log-softmax (f32, rows x cols)\n")
    w("G elements/s over rows x cols. Backward takes y = softmax(x) (both peers' convention). XNNPACK "
      "has softmax forward only, no log-softmax.\n")
    w("| Op | Direction | Shape | xact | oneDNN | XNNPACK | naive | xact/oneDNN | xact/XNNPACK |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for op in ["softmax", "log_softmax"]:
        for d in ["forward", "backward"]:
            for s in SHAPES:
                v = {lib: ips.get(f"{lib}/{op}/{d}/f32/{s}") for lib in LIBS}
                if all(x is None for x in v.values()):
                    continue
                w(f"| {op} | {d} | {s} | {gs(v['xact'])} | {gs(v['onednn'])} | {gs(v['xnnpack'])} | "
                  f"{gs(v['naive'])} | {rs(ratio(v['xact'], v['onednn']))} | {rs(ratio(v['xact'], v['xnnpack']))} |")
    if not any(k.startswith("xact/softmax/") for k in ips):
        w("\nxact softmax rows are missing: the binary was built without <xact/softmax.hpp>.")
    w("")

    # ---- maxout, prelu per channel
    other = sorted(k for k in ips if re.match(r"(xact|naive)/(maxout|prelu_channels)/", k))
    if other:
        w("## Maxout (k = 4) and per-channel PReLU\n")
        w("G elements/s of input elements.\n")
        w("| Kernel | xact | naive | xact/naive |\n|---|---:|---:|---:|")
        keys = sorted({k.split("/", 1)[1] for k in other})
        for k in keys:
            x, nv = ips.get("xact/" + k), ips.get("naive/" + k)
            w(f"| {k} | {gs(x)} | {gs(nv)} | {rs(ratio(x, nv))} |")
        w("")

    # ---- gated linear units
    if any(k.startswith("gated/") for k in ips):
        w("## Gated linear units (f32)\n")
        w("y = f(a) b and its backward (da = dy b f'(a), db = dy f(a)) fused in one pass (`gated`, split "
          "inputs; `gated_rows`, the concatenated layout with cols = 4096), against the two-pass "
          "composition in xact (`gated_composed`: forward(f, a, t), then t b; backward: t = f(a), db = dy t, "
          "t = dy b, da = backward(f, a, t)) and the same passes written with oneDNN (`onednn_gated_composed`: "
          "an eltwise forward, then a binary multiply primitive; backward: eltwise forward, two binary "
          "multiplies, eltwise backward). Targets: the fused kernel at least 1.15x xact's composition at "
          "n = 65536 and 1.4x at 16M, and at least 1.5x oneDNN's composition. G elements/s of outputs.\n")
        w("| f | direction | n | fused split | fused rows | two-pass | oneDNN two-pass | split / two-pass "
          "| rows / two-pass | split / oneDNN | rows / oneDNN | target |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        met = total = 0
        for act in ["silu", "gelu", "gelu_tanh", "relu", "sigmoid"]:
            for d in ["forward", "backward"]:
                for n in [N, BIG]:
                    sp, ro, co = get("gated", act, d, n), get("gated_rows", act, d, n), get("gated_composed", act, d, n)
                    od = get("onednn_gated_composed", act, d, n)
                    if sp is None or co is None:
                        continue
                    need = 1.15 if n == N else 1.4
                    rsp, rro, osp, oro = ratio(sp, co), ratio(ro, co), ratio(sp, od), ratio(ro, od)
                    checks = [("split", rsp, need), ("rows", rro, need)]
                    if od is not None:
                        checks += [("split vs oneDNN", osp, 1.5), ("rows vs oneDNN", oro, 1.5)]
                    missed = [f"{what} {rs(r)} < {k}x" for what, r, k in checks if r is None or r < k]
                    met += len(checks) - len(missed)
                    total += len(checks)
                    verdict = f">= {need}x" + (", >= 1.5x oneDNN" if od is not None else "") + ": " + (
                        "met" if not missed else "MISSED " + "; ".join(missed))
                    w(f"| {act} | {d} | {n} | {gs(sp)} | {gs(ro)} | {gs(co)} | {gs(od)} | {rs(rsp)} | {rs(rro)} | "
                      f"{rs(osp)} | {rs(oro)} | {verdict} |")
        w(f"\n{met} of {total} gated targets met in this run.\n")

    if machine:
        w("## Instruction costs\n")
        w("Rows `machine/<instruction>/<register>` of the same run: twelve independent chains of one "
          "instruction (`bench/bench_machine.cpp`), so each row is the instruction's reciprocal "
          "throughput, the time it takes per vector when nothing else runs.\n")
        w("| Instruction | Register | ns per instruction | per ns |\n|---|---|---:|---:|")
        for name, (reg, v) in sorted(machine.items(), key=lambda kv: -kv[1][1]):
            w(f"| {name} | {reg} | {1e9 / v:.3f} | {v / 1e9:.2f} |")
        w("")

    # ---- bounds
    w("## What bounds each kernel\n")
    w(f"Each xact kernel's bytes/s as a share of memcpy's at the same n, at n = {N} (a 256 KB array, "
      "cache resident) and at 16M (64 MB, DRAM). A forward pass moves 8 bytes per element like memcpy; a "
      "backward pass moves 12 (two read streams), so its share is a rough guide. Bound: *memory* when "
      "the kernel reaches 65% of memcpy's bytes/s already in cache; *compute in cache, memory in DRAM* "
      "when it only reaches 80% at 16M (DRAM then hides the arithmetic); *compute* otherwise.\n")
    if counts and t_op:
        w("For the arithmetic, the next columns count the vector instructions per batch in the kernel's "
          "main loop in this binary (from its disassembly: register copies, loads and stores of the data "
          "left out; *stack* counts spills and reloads) and set a floor from the instruction costs "
          "above: the larger of instructions x the fastest instruction's time, divisions x the "
          "division's, permutations x the permutation's (each runs on its own unit here). *of floor* is "
          "the floor over the measured time per batch: near 100%, the kernel issues as fast as this "
          "core allows and only fewer instructions would make it faster; well below, latency or the "
          "stack is what it waits on.\n")
    cost = {}
    try:
        inc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "include", "xact")
        for act in ACTS:
            p = os.path.join(inc, act + ".hpp")
            if os.path.exists(p):
                txt = open(p).read()
                m = re.search(r"Cost(?: \(([^)\n]*)\))?: ([^\n]*(?:\n//\s+[^\n]*)?)", txt)
                if m:
                    text = re.sub(r"\s*\n//\s*", " ", m.group(2)).strip().rstrip(".")
                    cost[act] = f"{m.group(1)}: {text}" if m.group(1) else text
    except OSError:
        pass
    arith = bool(counts and t_op and lanes)
    w(f"| Activation | Direction | % of memcpy bytes/s at {N} | at 16M | Bound |"
      + (" Instructions per batch (div, perm, stack) | Floor ns | Measured ns | of floor |" if arith else "")
      + " Header's cost |")
    w("|---|---|---:|---:|---|" + ("---:|---:|---:|---:|" if arith else "") + "---|")
    for act in ACTS:
        for d in ["forward", "backward"]:
            pcts = []
            for n in [N, BIG]:
                k, m = f"xact/{act}/{d}/f32/{n}", f"memcpy/f32/{n}"
                pcts.append(None if bps.get(k) is None or not bps.get(m) else 100 * bps[k] / bps[m])
            if all(p is None for p in pcts):
                continue
            if pcts[0] is not None and pcts[0] >= 65:
                bound = "memory"
            elif pcts[1] is not None and pcts[1] >= 80:
                bound = "compute in cache, memory in DRAM"
            else:
                bound = "compute"
            row = f"| {act} | {d} | " + " | ".join("-" if p is None else f"{p:.0f}%" for p in pcts) + f" | {bound} |"
            if arith:
                floor, c = floor_ns(act, d)
                v = get("xact", act, d)
                if floor is not None and v:
                    took = lanes * 1e9 / v
                    row += (f" {c['ops']:.0f} ({c['div']:.0f}, {c['perm']:.0f}, {c['stack']:.0f}) | {floor:.2f} |"
                            f" {took:.2f} | {100 * floor / took:.0f}% |")
                else:
                    row += " - | - | - | - |"
            w(row + f" {cost.get(act, '-')} |")
    w("")

    # ---- method
    w("## Method\n")
    w("- One process, one thread: `OMP_NUM_THREADS=1` (set by the binary itself when unset); the oneDNN "
      "and XNNPACK adapters (`bench/peers.hpp`) also force one thread and run without a thread pool.")
    if reps > 1:
        w(f"- One run of the binary: every benchmark {reps} times, the repetitions of all benchmarks in "
          "random order (`--benchmark_enable_random_interleaving`), and each row is the median of its "
          "repetitions. Both sides of a ratio are thus sampled across the same stretch of machine "
          "state; absolute numbers move with load and clock, ratios less so.")
    else:
        w("- One run (no repetitions). Every ratio compares two rows of the same run, so both saw the "
          "same machine state; absolute numbers move with load and clock, ratios less so.")
    w("- Rates use CPU time (Google Benchmark's default), so time the process spent descheduled does "
      "not count.")
    w("- Inputs: 64-byte aligned arrays allocated and filled once, outside the timed loop; x is a "
      "scrambled uniform grid over [-8, 8], dy over [-1, 1]. Outputs go to a separate array (not in "
      "place). `benchmark::DoNotOptimize` and `ClobberMemory` keep the stores.")
    w("- items/s counts elements; bytes/s counts bytes read plus written (8 per element forward, 12 "
      "backward, for f32).")
    w("- naive is a plain `for` loop over the `std::` formula (sigmoid as `1 / (1 + std::exp(-x))`, gelu "
      "with `std::erfc`), compiled with the same flags; GCC vectorizes the branch-only ones (relu, "
      "leaky_relu) but not the `std::` math calls.")
    w("- oneDNN: eltwise primitive, `forward_inference` and backward (also the `use_dst_for_bwd` "
      "variants); softmax primitive. XNNPACK: f32 NC operators (sigmoid, elu, leaky_relu, clamp for "
      "relu, softmax).")
    if ctx.get("library_build_type") == "debug":
        w("- The Debian Google Benchmark library reports itself as a debug build; this affects only the "
          "harness around the timed loop, not the kernels.")
    w("")
    w("## Reproduce\n")
    w("```sh\nbash scripts/bench.sh          # quick: n in {65536, 16M}, f32, min time 0.1 s, 5 repetitions (a few minutes)")
    w("bash scripts/bench.sh --full   # every size (4096 .. 16M), f32 and f64, default min time")
    w("# one kernel by hand:")
    w("OMP_NUM_THREADS=1 build/bench-release/bench/xact_bench --benchmark_filter='/sigmoid/forward/f32/65536$'")
    w("```\n")
    w(f"This file came from: `{a.command}`. Raw results: `build/bench-release/bench.json`.")

    # The hand-kept history at the end of the previous page (runs, experiments) is carried over.
    history = ""
    try:
        with open(a.md) as f:
            old = f.read()
        if HISTORY in old:
            history = "\n" + old[old.index(HISTORY):]
    except OSError:
        pass
    with open(a.md, "w") as f:
        f.write("\n".join(out) + "\n" + history)
    with open(a.chart, "w") as f:
        f.write("# activation forward: xact onednn xnnpack eigen sleef torch; backward: xact onednn torch (G elem/s)\n")
        for row in chart:
            f.write(" ".join(row) + "\n")


if __name__ == "__main__":
    main()
