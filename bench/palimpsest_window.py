"""The palimpsest's window against its weight bound A: the calibration behind `rules.online.PALIMPSEST_WINDOW`.

Usage: python bench/palimpsest_window.py [--trials 8] [--sizes 200 400 800]

For each N and A: P = N random patterns stored in order (`analysis.age_curve`, seed 0), each recalled
synchronously from round(0.1 N) flipped bits; the window is `AgeCurve.span()`, the newest patterns in a
row recalled exactly in more than half of the trials, the criterion of the Learning page's age curve.
Prints window / N per A and size, and the table to paste into hopfield/rules/online.py (the largest N).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hopfield import analysis  # noqa: E402

BOUNDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1.0)


def window(n: int, bound: float, trials: int) -> int:
    """The newest patterns in a row recalled in most trials, P = N stored (the palimpsest at bound A)."""
    return analysis.age_curve("palimpsest", n, n, 0.1, trials, 0, params={"bound": bound}).span()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 800])
    args = parser.parse_args()
    table = {}
    print("A      " + "".join(f"N={n:<12d}" for n in args.sizes))
    for bound in BOUNDS:
        found = [window(n, bound, args.trials) for n in args.sizes]
        print(
            f"{bound:<6g} " + "".join(f"{w:3d} ({w / n:.4f}) " for w, n in zip(found, args.sizes)),
            flush=True,
        )
        table[bound] = round(found[-1] / args.sizes[-1], 4)
    print(
        f"PALIMPSEST_WINDOW = {table}  # window / N at N = {args.sizes[-1]}, {args.trials} trials"
    )


if __name__ == "__main__":
    main()
