"""Every view as code: each page's snippet (ui/snippets.py, shown in "This view as code") runs in a fresh
interpreter and prints the numbers the page shows. A new page's snippet is one more entry in CASES: the page, a link,
and the lines its output must hold, read from the page."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from apptest import open_page, rerun
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import linkcode
from tests.test_ui_canvas import canvas_picture

ROOT = Path(__file__).resolve().parents[2]


def _metrics(at: AppTest) -> list[str]:
    """Every metric as the snippet prints it: "label: value"."""
    return [f"{metric.label}: {metric.value}" for metric in at.metric if metric.label != "Recalled"]


def _home(at: AppTest) -> list[str]:
    table = next(str(m.value) for m in at.markdown if str(m.value).startswith("| Learning rule"))
    rows = re.findall(r"^\| ([^|]+?) \| (\d+ of 10) \|$", table, re.M)
    return [f"{title}: {count} recalled" for title, count in rows]


def _store(at: AppTest) -> list[str]:
    """The metrics, and the load from the sentence beside the gauge."""
    load = re.search(
        r"a load of P/P_max = ([0-9.e+-]+)\.", " ".join(str(m.value) for m in at.markdown)
    )
    return _metrics(at) + ([f"load P/P_max: {load.group(1)}"] if load else [])


def _compare(at: AppTest) -> list[str]:
    rows = at.dataframe[0].value.to_dict("records")
    return [
        f"{row['rule']}: {row['recalled']} recalled, mean overlap m {row['mean overlap m']:.3f}"
        for row in rows
    ]


def _landscape(at: AppTest) -> list[str]:
    caption = next(str(c.value) for c in at.caption if " Ends: " in str(c.value))
    return caption.split(" Ends: ", 1)[1].rstrip(".").split("; ")


def _sequences(at: AppTest) -> list[str]:
    played = next(str(m.value) for m in at.markdown if str(m.value).startswith("Played: "))
    exact = next(str(c.value) for c in at.caption if str(c.value).startswith("Transitions exact: "))
    return [played, exact.split(". ")[0]]


def _damage(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.markdown if str(m.value).startswith("Recalled after damage: ")]


def _learning(at: AppTest) -> list[str]:
    caption = next(str(c.value) for c in at.caption if " recalled from " in str(c.value))
    found = re.match(
        r"(\d+) of (\d+) recalled from \d+ flipped bits, the newest (\d+) in a row", caption
    )
    return [f"{found.group(1)} of {found.group(2)} recalled, the newest {found.group(3)} in a row"]


def _playground(at: AppTest) -> list[str]:
    """Every row of the page's tables (where the starts end, the fixed points) as the snippet prints it."""
    return [str(row) for table in at.table for row in table.value.to_dict("records")]


OWN = linkcode.encode_set(hopfield.random_patterns(5, 30, seed=4), (5, 6), list("abcde"))


@dataclass(frozen=True)
class Case:
    page: str
    expected: Callable[[AppTest], list[str]]
    link: dict[str, str] = field(default_factory=dict)
    marker: str = ""  # text of the page's snippet, where a page shows more than one


CASES = {
    "home": Case("app_pages/home.py", _home, {"hseed": "3"}),
    "store": Case("app_pages/store.py", _store, marker="memory_view"),
    "store random storkey": Case(
        "app_pages/store.py",
        _store,
        {"set": "random", "p": "6", "side": "7", "seed": "2", "rule": "storkey"},
        marker="memory_view",
    ),
    "store modern": Case(
        "app_pages/store.py",
        _metrics,
        {"pick": "0-3", "rule": "modern", "beta": "4.0"},
        marker="memory_view",
    ),
    "store damage": Case(
        "app_pages/store.py",
        _damage,
        {"set": "random", "p": "12", "side": "15", "seed": "1"},
        marker="damaged(",
    ),
    "store damage clipped, neurons removed": Case(
        "app_pages/store.py",
        _damage,
        {
            "set": "random",
            "p": "8",
            "side": "12",
            "rule": "storkey",
            "dkind": "remove",
            "dlevel": "0.3",
            "dclip": "True",
        },
        marker="damaged(",
    ),
    "recall known pixels held": Case(
        "app_pages/recall.py",
        _metrics,
        {
            "set": "random",
            "p": "28",
            "side": "14",
            "noise": "mask",
            "level": "0.5",
            "held": "True",
            "rseed": "3",
            "mode": "async",
        },
    ),
    "recall": Case("app_pages/recall.py", _metrics),
    "recall async own set": Case(
        "app_pages/recall.py",
        _metrics,
        {
            "set": "custom",
            "own": OWN,
            "pick": "0,2,4",
            "pattern": "1",
            "mode": "async",
            "noise": "flip-count",
            "level": "4",
            "rseed": "5",
        },
    ),
    "recall stochastic mnist": Case(
        "app_pages/recall.py",
        _metrics,
        {
            "set": "mnist",
            "pick": "0-2",
            "rule": "pseudoinverse",
            "mode": "stochastic",
            "temp": "0.3",
            "noise": "occlude",
            "level": "0.3",
            "steps": "5",
        },
    ),
    "compare": Case("app_pages/compare.py", _compare, {"pick": "0-5", "flip": "0.2"}),
    "landscape": Case("app_pages/landscape.py", _landscape, {"rule": "storkey", "enoise": "0.3"}),
    "continuous": Case("app_pages/continuous.py", _metrics),
    "continuous mnist metastable": Case(
        "app_pages/continuous.py",
        _metrics,
        {"cset": "mnist", "cbeta": "23.7", "cprobe": "noise", "camount": "0.3", "cseed": "2"},
    ),
    "continuous entmax": Case(
        "app_pages/continuous.py",
        _metrics,
        {"catt": "entmax", "calpha": "1.3", "cbeta": "4.22", "cprobe": "noise"},
    ),
    "continuous sparsemax mnist": Case(
        "app_pages/continuous.py", _metrics, {"catt": "sparsemax", "cset": "mnist"}
    ),
    "continuous visible half held": Case(
        "app_pages/continuous.py", _metrics, {"cset": "mnist", "cbeta": "23.7", "cheld": "True"}
    ),
    "sequences": Case("app_pages/sequences.py", _sequences),
    "sequences digits dense-poly": Case(
        "app_pages/sequences.py",
        _sequences,
        {
            "qsource": "digits",
            "qdigits": "14",
            "qrule": "dense-poly",
            "qdegree": "6",
            "qnoise": "0.05",
            "qseed": "2",
        },
    ),
    "sequences linear word": Case(
        "app_pages/sequences.py", _sequences, {"qword": "LOW", "qrule": "linear"}
    ),
    "learning": Case("app_pages/learning.py", _learning, {"step": "25"}),
    "playground": Case("app_pages/playground.py", _playground),
    "playground starts sparsemax": Case(
        "app_pages/playground.py",
        _playground,
        {
            "pm": "1.00,1.00;-1.00,-1.00;0.30,1.50",
            "ps": "0.50,0.20;-0.60,-0.30",
            "patt": "sparsemax",
            "pbeta": "10",
        },
    ),
    "playground entmax": Case(
        "app_pages/playground.py", _playground, {"patt": "entmax", "palpha": "1.3"}
    ),
    "learning hebbian on the sidebar's digits": Case(
        "app_pages/learning.py",
        _learning,
        {"sequence": "memory", "lrule": "hebbian", "lnoise": "0.2"},
    ),
}


def _code(at: AppTest, marker: str = "") -> str:
    (code,) = [
        block.value
        for block in at.code
        if "import hopfield" in block.value and marker in block.value
    ]
    return code


def run_snippet(code: str) -> list[str]:
    """The snippet's printed lines, run by a fresh interpreter in an empty folder with the engine importable."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT / "tests",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("name", list(CASES))
def test_the_snippet_prints_what_the_page_shows(name: str) -> None:
    case = CASES[name]
    at = open_page(case.page, **case.link)
    expected = case.expected(at)
    assert expected, "the page shows no numbers to check"
    printed = run_snippet(_code(at, case.marker))
    assert expected == [line for line in printed if line in expected] and set(expected) <= set(
        printed
    ), (expected, printed)


def test_a_drawn_probe_with_pixels_flipped_by_hand_is_in_the_snippet(digits) -> None:
    at = open_page(
        "app_pages/recall.py", drawprobe="True", pick="1,4,7", pattern="2", rule="storkey"
    )
    sketch = digits.patterns[7].copy()
    sketch[[0, 1, 2, 45, 89]] *= -1
    url = "data:image/png;base64," + base64.b64encode(canvas_picture(sketch, (10, 9))).decode(
        "ascii"
    )
    at.session_state["probe_canvas_10x9_0"] = {"drawing": {"raw": {"objects": []}, "data": url}}
    rerun(at)
    at.session_state["_recall_edits"] = {"pattern": 2, "n": 90, "pixels": [3, 4]}
    rerun(at)
    code = _code(at)
    assert "the probe you drew" in code and "probe[[3, 4]] *= -1" in code
    assert run_snippet(code) == _metrics(at)
    assert "Bits corrupted: 7 of 90" in _metrics(at)


def test_a_set_too_large_for_a_link_loads_the_downloaded_network() -> None:
    from ui import snippets

    spec = snippets.MemorySpec("custom", tuple(range(40)), "hebbian", own=None, count=40)
    code = snippets.store(spec)
    assert 'hopfield.load("hopfield-network.npz")' in code and "HopfieldNetwork.train" not in code
    compile(code, "snippet", "exec")


def test_the_continuous_snippet_of_uploaded_images_reads_the_same_files(tmp_path) -> None:
    """Own uploads do not travel: the snippet reads the files by path, and prints what the page's engine calls give."""
    from PIL import Image

    from hopfield import analysis
    from ui import gray_images, snippets

    rng = np.random.default_rng(1)
    paths = []
    for k in range(3):
        path = tmp_path / f"picture{k}.png"
        Image.fromarray(rng.integers(0, 256, (40, 30), dtype=np.uint8)).save(path)
        paths.append(str(path))
    pixels, _, errors = gray_images.gray_from_uploads([(p, open(p, "rb").read()) for p in paths])
    assert not errors
    patterns = hopfield.standardise(pixels)
    net = hopfield.HopfieldNetwork.train(patterns, "modern", beta=30.0)
    side = gray_images.UPLOAD_SIDE
    run = analysis.continuous_recall(
        net, hopfield.real_probe(patterns, 1, "box", (side, side), 0.4, 3)
    )
    code = snippets.continuous("uploads", 1, "box", 0.4, 3, 30.0, files=paths, side=side)
    assert run_snippet(code) == [
        f"Correlation with the target: {analysis.correlations(run.retrieved, patterns[1])[0]:.3f}",
        f"Memories in the state (1/Σw²): {run.fixed_point.size:.1f}",
        f"Steps: {run.steps}" + ("" if run.converged else " (not settled)"),
    ]
