#!/usr/bin/env python3
"""Adds (or replaces) the NEON column of docs/ACCURACY.md: the float32 maxima of an aarch64 run of
xact_accuracy (its --markdown report) next to the page's own x86 maxima.

    python3 scripts/accuracy_neon.py REPORT [PAGE]     (PAGE: docs/ACCURACY.md)
"""
import re
import sys

HEAD = "## float32 on aarch64 (NEON)"


def float_table(text):
    """{(function, direction): cells} of the first float32 table, and the text before it."""
    part = text.split("## float32", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 13 and cells[0] not in ("function", "---"):
            rows[(cells[0], cells[1])] = cells
    return part, rows


def main():
    report_path = sys.argv[1]
    page_path = sys.argv[2] if len(sys.argv) > 2 else "docs/ACCURACY.md"
    report = open(report_path).read()
    page = open(page_path).read()
    # drop a NEON section written before
    page = re.sub(r"\n" + re.escape(HEAD) + r".*?(?=\n## |\Z)", "", page, flags=re.S).rstrip("\n") + "\n"
    _, x86 = float_table(page)
    part, neon = float_table(report)
    title = part.splitlines()[0]  # ": stride K over the 2^32 bit patterns (N inputs), bound B ULP"
    status = next((l for l in part.splitlines() if l.startswith("Kernels on")), "")
    command = re.search(r"`(xact_accuracy[^`]*)`", report)
    command = re.sub(r" --markdown \S+", "", command.group(1)) if command else "xact_accuracy"
    out = [f"\n{HEAD}{title}\n",
           f"The same sweep cross-compiled for aarch64 (GCC 12, xsimd 8's neon64: 4 floats per batch) and run "
           f"under qemu-aarch64 (`{command}`; `bash scripts/accuracy.sh "
           f"--target aarch64`). {status.replace('Kernels on', 'Kernels on', 1)} The NEON columns are "
           f"the maxima over the inputs of that stride, not over every float; the x86 column is the "
           f"stride-1 sweep above.\n",
           "| function | direction | x86 max ULP (every float) | x86 max ULP† | NEON max ULP | NEON at input | NEON max ULP† | NEON mean ULP | NEON subnormal max steps | NEON status |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for key, c in neon.items():
        x = x86.get(key)
        out.append(f"| {c[0]} | {c[1]} | {x[3] if x else '-'} | {x[6] if x else '-'} | {c[3]} | {c[4]} | {c[6]} | {c[5]} | {c[11]} | {c[12]} |")
    with open(page_path, "w") as f:
        f.write(page + "\n".join(out) + "\n")
    print(f"accuracy_neon: {len(neon)} rows of {report_path} into {page_path}")


if __name__ == "__main__":
    main()
