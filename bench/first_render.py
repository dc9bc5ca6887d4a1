"""First render of the app's pages in a real browser, each page alone and eight at once, on a fresh server.

    python bench/first_render.py [--root PATH] [--concurrent 8] [--repeat 1] [--json FILE]

Alone: for every link a FRESH SERVER is started (`streamlit run app.py` from --root, tests/e2e/server.py), one
fresh browser context opens the link, and the server is SIGKILLed: each number is a cold first render (imports,
datasets, training, figures, the browser fetching the page's code), with nothing else running.
Concurrent: one more fresh server, then --concurrent browser contexts open the links at the same moment
(Playwright's async API, asyncio.gather); --repeat runs this that many times, each on its own fresh server.

A render is timed from goto until the page is drawn: the script is not running, a heading or an exception box
is on the page, no spinner and no skeleton is left, and it stays so for 0.3 s (tests/e2e/test_server.py). The
browser runs on the same machine, so on a small machine the concurrent numbers include eight chromium renderers
competing with the server for the cores; the server's own CPU seconds are printed beside them.

Prints a markdown table (link, alone seconds, concurrent seconds per run, exception boxes), the peak RSS of the
server (its process and children, sampled from /proc every 50 ms) and the exceptions of the server logs. The
logs are kept in bench/results/first_render/.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from playwright.async_api import async_playwright  # noqa: E402

from tests.e2e.server import StreamlitServer  # noqa: E402
from tests.e2e.test_server import LINKS, Visit, crowd, exception_lines, launch, new_page, open_link  # noqa: E402

RESULTS = HERE / "results" / "first_render"


async def _alone(
    browser: Any, root: Path, paths: list[str], timeout_ms: float
) -> list[dict[str, Any]]:
    rows = []
    for index, path in enumerate(paths):
        server = StreamlitServer(root, log_path=RESULTS / f"alone-{index}.log")
        try:
            await asyncio.to_thread(server.start)
            page = await new_page(browser, timeout_ms)
            cpu = server.cpu_seconds()
            visit = await open_link(page, server.url, path)
            cpu = server.cpu_seconds() - cpu
            await page.context.close()
            peak = server.peak_rss_mb
        finally:
            server.kill()
        rows.append(
            {
                "visit": visit,
                "peak_mb": peak,
                "cpu_s": cpu,
                "start_s": server.start_seconds[-1],
                "log_errors": exception_lines(server.log_text()),
            }
        )
        print(
            f"  alone {path}: {_seconds(visit)} s, {visit.exceptions} exception box(es), peak {peak:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    return rows


async def _together(
    browser: Any, root: Path, paths: list[str], run: int, timeout_ms: float
) -> dict[str, Any]:
    server = StreamlitServer(root, log_path=RESULTS / f"concurrent-{run}.log")
    try:
        pages = list(await asyncio.gather(*(new_page(browser, timeout_ms) for _ in paths)))
        await asyncio.to_thread(server.start)
        cpu = server.cpu_seconds()
        began = time.monotonic()
        visits = await crowd(pages, lambda page, path: open_link(page, server.url, path), paths)
        wall = time.monotonic() - began
        cpu = server.cpu_seconds() - cpu
        peak, hwm = server.peak_rss_mb, server.hwm_mb
        await asyncio.gather(*(page.context.close() for page in pages))
    finally:
        server.kill()
    errors = exception_lines(server.log_text())
    print(
        f"  concurrent run {run}: {sum(1 for v in visits if v.exceptions)} page(s) with an exception box, "
        f"wall {wall:.1f} s, peak {peak:.0f} MB",
        file=sys.stderr,
        flush=True,
    )
    return {
        "visits": visits,
        "peak_mb": peak,
        "hwm_mb": hwm,
        "cpu_s": cpu,
        "wall_s": wall,
        "log_errors": errors,
    }


def _seconds(visit: Visit) -> str:
    if visit.seconds is None:
        return f"never ({visit.error})"
    return f"{visit.seconds:.2f}"


def _cell(visit: Visit) -> str:
    text = _seconds(visit)
    if visit.exceptions:
        text += " ✗exc"
    elif not visit.clean:
        text += " ✗"
    return text


async def measure(
    root: Path, concurrent: int, repeat: int, skip_alone: bool, timeout_ms: float
) -> dict[str, Any]:
    paths = [LINKS[k % len(LINKS)].path for k in range(concurrent)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            alone = (
                []
                if skip_alone
                else await _alone(browser, root, list(dict.fromkeys(paths)), timeout_ms)
            )
            runs = [
                await _together(browser, root, paths, run + 1, timeout_ms) for run in range(repeat)
            ]
        finally:
            await browser.close()
    return {"paths": paths, "alone": alone, "runs": runs, "load": [load_before, os.getloadavg()]}


def report(root: Path, data: dict[str, Any]) -> str:
    paths, alone, runs = data["paths"], data["alone"], data["runs"]
    alone_by_path = {row["visit"].path: row for row in alone}
    titles = ["page link", "alone s"] + [f"concurrent s (run {k + 1})" for k in range(len(runs))]
    (before, _, _), (after, _, _) = data["load"]
    lines = [
        f"First render, root {root} (fresh server per alone page and per concurrent run; "
        f"{os.cpu_count()} CPUs, 1-minute load average {before:.1f} at start and {after:.1f} at the end; "
        "✗exc = an exception box on the page)",
        "",
        "| " + " | ".join(titles) + " |",
        "|" + "---|" * len(titles),
    ]
    for index, path in enumerate(paths):
        row = alone_by_path.get(path)
        cells = [f"`{path}`", _cell(row["visit"]) if row else "-"]
        cells += [_cell(run["visits"][index]) for run in runs]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if alone:
        exc = sum(1 for row in alone if row["visit"].exceptions)
        lines.append(
            f"- alone: peak RSS {max(row['peak_mb'] for row in alone):.0f} MB (highest of the "
            f"{len(alone)} fresh servers), {exc} of {len(alone)} pages with an exception box, server CPU "
            f"{sum(row['cpu_s'] for row in alone):.1f} s in all, server start "
            f"{min(row['start_s'] for row in alone):.1f}-{max(row['start_s'] for row in alone):.1f} s"
        )
    for number, run in enumerate(runs, 1):
        exc = sum(1 for visit in run["visits"] if visit.exceptions)
        broken = sum(1 for visit in run["visits"] if not visit.clean)
        lines.append(
            f"- concurrent run {number}: {exc} of {len(run['visits'])} pages with an exception box "
            f"({broken} not clean), all drawn after {run['wall_s']:.1f} s, peak RSS {run['peak_mb']:.0f} MB "
            f"(VmHWM {run['hwm_mb']:.0f} MB), server CPU {run['cpu_s']:.1f} s"
        )
    counts = collections.Counter(line for part in [*alone, *runs] for line in part["log_errors"])
    if counts:
        lines += ["", "Server log exceptions (all runs):"]
        lines += [f"- {count} × {line}" for line, count in counts.most_common()]
    else:
        lines += ["", "Server logs: no traceback."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root", type=Path, default=HERE.parent, help="the project whose app.py is served"
    )
    parser.add_argument(
        "--concurrent", type=int, default=len(LINKS), help="links opened at once (cycled)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="concurrent runs, each on a fresh server"
    )
    parser.add_argument(
        "--no-alone", action="store_true", help="skip the one-page-per-fresh-server runs"
    )
    parser.add_argument(
        "--timeout", type=float, default=240.0, help="seconds a page may take to draw"
    )
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args()
    root = args.root.resolve()
    data = asyncio.run(
        measure(root, args.concurrent, args.repeat, args.no_alone, args.timeout * 1000)
    )
    print(report(root, data))
    if args.json:

        def plain(value: Any) -> Any:
            return value.__dict__ if isinstance(value, Visit) else str(value)

        args.json.write_text(json.dumps({"root": str(root), **data}, indent=2, default=plain))


if __name__ == "__main__":
    main()
