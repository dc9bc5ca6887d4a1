"""The Continuous memories page's settings box: the image set (built in, or the user's uploads), the
image to probe, the probe, β, the probe's amount and seed, whether the visible pixels are held, and
the attention (α for entmax)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import attention as attention_control
from ui import gray_images, own_patterns, uploads, widgets

SETS = {
    "photos": "Photos (64x64)",
    "mnist": "MNIST digits (28x28)",
    "optdigits": "optdigits (8x8)",
    "uploads": "Your own images",
}
BETAS = [
    f"{float(f'{b:.3g}'):g}" for b in analysis.log_betas(0.1, 1e4, 8)
]  # 0.1 … 10000, 8 a decade
AMOUNT_HELP = {
    "mask-bottom": "Fraction of the rows, from the bottom, set to 0 (the mean pixel).",
    "box": "Side of the occluding box, as a fraction of the image's.",
    "noise": "Standard deviation of the noise, as a fraction of the image's own.",
    "blend": "Weight of the next memory in the blend: 0.5 is half and half.",
}
UPLOADED = "_gray_uploads"  # the session's set made from the user's images


@dataclass(frozen=True)
class Probe:
    """What the page recalls: image `index` of the set, corrupted by `kind` (`amount`, `seed`), at
    inverse temperature `beta` under `attention` (`alpha` for entmax); `held`: the visible pixels of a
    masked or boxed probe keep their values."""

    set_name: str
    index: int
    kind: str
    beta: float
    amount: float
    seed: int
    held: bool
    attention: str
    alpha: float

    def clamp(self, shape: tuple[int, int]) -> np.ndarray | None:
        """The pixels held during the recall (the visible ones), or None when none are held."""
        if not self.held:
            return None
        return ~hopfield.noise.real_hidden(self.kind, shape, self.amount, self.seed)


def forget_uploads() -> None:
    """The user added or removed files: the stored images are made again from the files left (or none)."""
    st.session_state.pop(UPLOADED, None)


def _uploads(where: Any) -> None:
    """The file picker; the images it holds, once two can be read, become the session's set."""
    expanded = UPLOADED not in st.session_state
    with where.expander("Upload images", icon=":material/upload:", expanded=expanded):
        files = st.file_uploader(
            f"Images (PNG, JPEG, GIF, BMP, WebP), made {gray_images.UPLOAD_SIDE}x"
            f"{gray_images.UPLOAD_SIDE} gray",
            type=["png", "jpg", "jpeg", "gif", "bmp", "webp"],
            accept_multiple_files=True,
            key="_gray_files",
            on_change=forget_uploads,
            max_upload_size=uploads.MAX_IMAGE_MB,
        )
        if not files:
            return
        # decoded once per set of files, not on every rerun: the same set object, so its caches hit
        ids = tuple(f.file_id for f in files)
        uploaded, errors = own_patterns.remembered(
            st.session_state, "_gray_decoded", ids, lambda: gray_images.uploaded_set(files)
        )
        for error in errors:
            st.warning(error, icon=":material/warning:")
        if uploaded is None:
            st.warning("Upload at least two images that can be read.", icon=":material/warning:")
        else:
            st.session_state[UPLOADED] = uploaded


def image_set(set_name: str, where: Any) -> hopfield.GraySet:
    """The built-in set `set_name`, or the user's uploads (their picker drawn in `where`); the page
    stops with a note while no uploaded set is stored."""
    if set_name != "uploads":
        return hopfield.load_gray_set(set_name)
    _uploads(where)
    gray = st.session_state.get(UPLOADED)
    if gray is None:
        st.info(
            "Upload two or more images to store them, or pick a built-in set. Your own images stay in "
            "this browser session and do not travel in a link.",
            icon=":material/upload:",
        )
        st.stop()
    return gray


def controls() -> tuple[hopfield.GraySet, Probe]:
    """The settings box: the set, then the probe of one of its images."""
    top = st.container(border=True)
    row = top.columns(3)
    set_name = widgets.choice("Image set", list(SETS), "cset", "photos", titles=SETS, where=row[0])
    gray = image_set(set_name, top)
    count = len(gray.labels)
    index = widgets.choice(
        "Stored image to probe", range(count), "cimage", 0, titles=gray.labels, where=row[1]
    )
    kind = widgets.choice(
        "Probe", list(hopfield.PROBE_KINDS), "cprobe", titles=hopfield.PROBE_KINDS, where=row[2]
    )
    row = top.columns([2, 1, 1])
    beta = widgets.choice(
        "Inverse temperature β (log scale)",
        BETAS,
        "cbeta",
        "100",
        widget="select_slider",
        where=row[0],
        allowed=f"a number from {BETAS[0]} to {float(BETAS[-1]):,g} (log steps)",
        help="β multiplies the correlation ξ^μ·ξ/N inside the softmax: small β averages every memory, "
        "large β picks the single nearest.",
    )
    amount = widgets.number(
        "Amount",
        "camount",
        0.0,
        1.0,
        0.5,
        slider=True,
        where=row[1],
        step=0.05,
        help=AMOUNT_HELP[kind],
    )
    seed = widgets.number(
        "Seed",
        "cseed",
        0,
        widgets.MAX_SEED,
        0,
        where=row[2],
        help="Seeds the box's place and the noise.",
    )
    held = (
        False  # clamped completion: the visible pixels of a masked or boxed probe stay as they are
    )
    if kind in hopfield.noise.HIDING_PROBES:
        held = widgets.toggle(
            "Visible pixels held",
            "cheld",
            where=row[1],
            help="Clamped completion: the visible pixels keep their values and only the hidden ones are "
            "filled in.",
        )
    row = top.columns([1, 1, 2])
    attention, alpha = attention_control.choose(
        "catt",
        "calpha",
        (row[0], row[1]),
        help="Sparsemax and α-entmax give far memories exactly zero weight (Hu et al. 2023; "
        "Santos et al. 2024).",
    )
    return gray, Probe(set_name, index, kind, float(beta), amount, seed, held, attention, alpha)
