"""The modern memory's attention as a page's control: softmax, sparsemax or α-entmax (Santos et al.
2024), and entmax's α (1 is softmax, 2 sparsemax)."""

from __future__ import annotations

from typing import Any

from ui import widgets

TITLES = {"softmax": "softmax", "sparsemax": "sparsemax", "entmax": "α-entmax"}


def choose(
    attention_key: str, alpha_key: str, where: tuple[Any, Any], **help_text: str
) -> tuple[str, float]:
    """The attention (link key `attention_key`, in where[0]; `help_text` its help, if any) and entmax's
    α (link key `alpha_key`, in where[1], greyed out unless the attention is entmax)."""
    attention = widgets.choice(
        "Attention",
        list(TITLES),
        attention_key,
        "softmax",
        titles=TITLES,
        where=where[0],
        **help_text,
    )
    alpha = widgets.number(
        "α (entmax)",
        alpha_key,
        1.05,
        1.95,
        1.5,
        slider=True,
        step=0.05,
        where=where[1],
        disabled=attention != "entmax",
        help="1 is softmax, 2 sparsemax.",
    )
    return attention, alpha
