"""Controls whose value travels in the link: each declared once, its range or options giving the widget, the
link's parser and the sentence a bad link value gets. The value is returned (or read back with
`st.session_state[key]`); every key must be declared in `ui.link`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

import hopfield
from ui.link import from_link, keep_option, param_key, parse_choice, parse_float, parse_int

MAX_SEED = 2**31 - 1  # the largest seed a control takes
KEEP = {
    "persist_state": "session"
}  # a page's settings are still there when the user comes back to it


def _words(integer: bool, lo: float, hi: float) -> str:
    kind = "a whole number" if integer else "a fraction" if 0 <= lo and hi <= 1 else "a number"
    return f"{kind} from {lo:,} to {hi:,}" if integer else f"{kind} from {lo:g} to {hi:g}"


def number(
    label: str,
    key: str,
    lo: float,
    hi: float,
    default: float,
    *,
    slider: bool = False,
    integer: bool | None = None,
    where: Any = st,
    **kwargs: Any,
) -> Any:
    """A number input (or slider) for [lo, hi] whose value travels in the link as `key=value`.

    Whole numbers when `integer` (by default: when lo, hi and default are all ints). A value left
    outside a range that has changed since (bits to flip when N shrinks) is moved inside it. Streamlit
    makes a new widget when the range changes, which would start at `lo`: the value is set again from
    the script then, so it is kept.
    """
    integer = all(isinstance(v, int) for v in (lo, hi, default)) if integer is None else integer
    kind = int if integer else float
    parse = (
        (lambda raw: parse_int(raw, lo, hi)) if integer else (lambda raw: parse_float(raw, lo, hi))
    )
    from_link(key, kind(default), parse, _words(integer, lo, hi))
    value = st.session_state[key]
    inside = kind(min(max(value, lo), hi)) if isinstance(value, (int, float)) else kind(default)
    signature = f"_{key}_range"
    if (
        inside != value
        or type(inside) is not type(value)
        or st.session_state.get(signature) != (lo, hi)
    ):
        st.session_state[key] = inside
        st.session_state[signature] = (lo, hi)
    (where.slider if slider else where.number_input)(
        label, kind(lo), kind(hi), key=key, **(KEEP | kwargs)
    )
    return st.session_state[key]


def param(spec: hopfield.ParamSpec, where: Any = st) -> Any:
    """The slider (a select box for a choice) of a learning rule's parameter, built from its registry entry."""
    if spec.choices:
        return choice(
            spec.label,
            spec.choices,
            param_key(spec.name),
            spec.default,
            where=where,
            help=spec.help,
        )
    lo, hi = spec.slider
    return number(
        spec.label,
        param_key(spec.name),
        lo,
        hi,
        spec.default,
        slider=True,
        integer=spec.integer,
        where=where,
        step=spec.step,
        help=spec.help,
    )


def choice(
    label: str,
    options: Sequence[Any],
    key: str,
    default: Any = None,
    *,
    titles: Any = None,
    widget: str = "selectbox",
    where: Any = st,
    allowed: str | None = None,
    **kwargs: Any,
) -> Any:
    """A select box (or "radio") over `options` (names, or pattern indices) travelling as `key=option`.

    `titles` (a mapping, or a sequence beside `options`) is what the user reads. The value stays
    one of the options when they change under it (`keep_option`). `allowed` says what a link may hold
    when the list of options would not help ("a number from 0.1 to 10,000 (log steps)").
    """
    options = list(options)
    default = options[0] if default is None else default
    labels = (
        [str(o) for o in options]
        if titles is None
        else [
            titles[o] if isinstance(titles, Mapping) else titles[k] for k, o in enumerate(options)
        ]
    )
    if all(isinstance(o, int) for o in options):
        words = f"a whole number from {min(options)} to {max(options)}"

        def parse(raw: str) -> int:
            if int(raw) not in options:
                raise ValueError
            return int(raw)
    else:
        words, parse = "one of " + ", ".join(map(str, options)), parse_choice(options)
    from_link(key, default, parse, allowed or words)
    keep_option(key, options, labels, default)
    title = dict(zip(options, labels))
    getattr(where, widget)(
        label, options, format_func=title.__getitem__, key=key, **(KEEP | kwargs)
    )
    return st.session_state[key]


def choices(
    label: str,
    options: Sequence[str],
    key: str,
    default: Sequence[str],
    *,
    titles: Mapping[str, str],
    where: Any = st,
    **kwargs: Any,
) -> list[str]:
    """A multiselect over names travelling as `key=a,b,c`."""

    def parse(raw: str) -> list[str]:
        chosen = [
            part.strip("'\" ") for part in raw.strip().strip("[]").split(",") if part.strip("'\" ")
        ]
        if not chosen or any(name not in options for name in chosen):
            raise ValueError
        return list(dict.fromkeys(chosen))

    from_link(
        key, list(default), parse, "names from " + ", ".join(options) + " separated by commas"
    )
    where.multiselect(
        label, list(options), format_func=titles.__getitem__, key=key, **(KEEP | kwargs)
    )
    return st.session_state[key]


def text(
    label: str, key: str, default: str, max_chars: int, *, where: Any = st, **kwargs: Any
) -> str:
    """A text input travelling as `key=text` (at most `max_chars` characters)."""

    def parse(raw: str) -> str:
        if len(raw) > max_chars:
            raise ValueError
        return raw

    from_link(key, default, parse, f"text of at most {max_chars} characters")
    where.text_input(label, key=key, max_chars=max_chars, **(KEEP | kwargs))
    return str(st.session_state[key])


def toggle(label: str, key: str, default: bool = False, *, where: Any = st, **kwargs: Any) -> bool:
    """A toggle travelling as `key=True` or `key=False`."""

    def parse(raw: str) -> bool:
        if raw not in ("True", "False"):
            raise ValueError
        return raw == "True"

    from_link(key, default, parse, "True or False")
    where.toggle(label, key=key, **(KEEP | kwargs))
    return bool(st.session_state[key])
