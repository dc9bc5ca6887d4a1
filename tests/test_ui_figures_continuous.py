"""Figure builders and grayscale pictures of the Continuous memories page, tested directly."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ui import figures, gray_images
from ui.figures import continuous as cf


def test_attention_bars_show_every_weight_and_highlight_the_target():
    weights = np.array([0.1, 0.6, 0.3])
    fig = cf.attention_bars(weights, ["a", "b", "c"], highlight=2)
    (bars,) = fig.data
    np.testing.assert_allclose(bars.y, weights)
    assert list(bars.customdata) == ["a", "b", "c"]
    assert (
        bars.marker.color[2] == figures.style.EMPHASIS_COLOR
        and bars.marker.color[0] == cf.ATTENTION_COLOR
    )
    assert fig.layout.yaxis.range[1] == pytest.approx(0.66)
    assert "3 memories" in fig.layout.title.text
    with pytest.raises(ValueError, match="one entry per memory"):
        cf.attention_bars(weights, ["a"])


def test_beta_sweep_figure_shades_each_regime_on_a_log_axis():
    betas = np.array([0.1, 1.0, 10.0, 100.0])
    bands = [("global", 0.1, 1.0), ("metastable", 10.0, 10.0), ("single", 100.0, 100.0)]
    fig = cf.beta_sweep_figure(
        betas,
        np.array([0.2, 0.3, 0.8, 1.0]),
        np.array([50.0, 40.0, 5.0, 1.0]),
        bands,
        beta=10.0,
        memories=50,
    )
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis2.type == "log"
    shapes = fig.layout.shapes
    rects = [s for s in shapes if s.type == "rect"]
    assert [r.fillcolor for r in rects] == [
        cf.REGIME_COLORS[r] for r in ("global", "metastable", "single")
    ]
    # shading meets half-way between grid points in log β: 1 and 10 meet at √10
    assert rects[0].x1 == pytest.approx(10**0.5) and rects[1].x0 == pytest.approx(10**0.5)
    assert rects[2].x1 == pytest.approx(100.0)
    names = (
        fig.layout.annotations
    )  # at the middle of each band, in log β (how plotly places text on a log axis)
    assert [a.text for a in names] == ["global average", "metastable", "single memory"]
    assert names[0].x == pytest.approx(0.5 * (-1 + 0.5)) and names[2].x == pytest.approx(2 - 0.25)
    assert [s.x0 for s in shapes if s.type == "line"] == [10.0]
    quality, effective = fig.data
    np.testing.assert_allclose(quality.y, [0.2, 0.3, 0.8, 1.0])
    assert effective.yaxis == "y2" and list(fig.layout.yaxis2.tickvals) == [1, 10]
    with pytest.raises(ValueError, match="same length"):
        cf.beta_sweep_figure(betas, np.zeros(3), np.zeros(4), bands)


def test_label_bars_keep_the_order_and_mark_the_truth():
    fig = cf.label_bars({"3": 0.7, "8": 0.2, "5": 0.1}, truth="8")
    (bars,) = fig.data
    assert list(bars.x) == ["3", "8", "5"] and list(bars.y) == [0.7, 0.2, 0.1]
    assert (
        bars.marker.color[1] == figures.style.EMPHASIS_COLOR
        and bars.marker.color[0] == cf.ATTENTION_COLOR
    )


def test_gray_image_stretches_each_pattern_to_black_and_white():
    image = gray_images.gray_image(np.array([-2.0, 0.0, 2.0, 1.0]), (2, 2), scale=1)
    assert image.mode == "L" and np.asarray(image).tolist() == [[0, 128], [255, 191]]
    flat = gray_images.gray_image(np.zeros(4), (2, 2), scale=3)
    assert flat.size == (6, 6) and set(np.asarray(flat).ravel().tolist()) == {128}
    with pytest.raises(ValueError, match="rows·cols"):
        gray_images.gray_image(np.zeros(5), (2, 2))


def test_gray_grid_tiles_patterns_with_labels():
    grid = gray_images.gray_grid(
        np.random.default_rng(0).normal(size=(5, 16)), (4, 4), list("abcde"), columns=3, side_px=8
    )
    tile, gap = 8, 8  # scale 2 makes a 4x4 pattern 8 px wide
    assert grid.size[0] == 3 * tile + 4 * gap
    png = gray_images.gray_png(np.ones((1, 4)) * np.arange(4), (2, 2))
    assert png[:4] == b"\x89PNG"


def _png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array.astype(np.uint8), "L").save(buffer, format="PNG")
    return buffer.getvalue()


def test_gray_from_uploads_reads_images_and_names_each_bad_file():
    ramp = np.tile(np.arange(0, 256, 4), (64, 1))
    files = [
        ("ramp.png", _png(ramp)),
        ("flat.png", _png(np.full((8, 8), 90))),
        ("notes.txt", b"hello"),
    ]
    pixels, labels, errors = gray_images.gray_from_uploads(files, side=8)
    assert pixels.shape == (1, 64) and labels == ["ramp"]
    assert pixels.min() >= 0 and pixels.max() <= 1 and (np.diff(pixels.reshape(8, 8)[0]) > 0).all()
    assert len(errors) == 2 and errors[0].startswith("flat.png: the image is one flat grey")
    assert errors[1].startswith("notes.txt:")
