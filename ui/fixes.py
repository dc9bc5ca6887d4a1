"""Beside a failed recall on the Recall page: the rule that fixes it, one click away (a teacher's fail-then-fix path
in two clicks), and the note on a pattern that is not even a fixed point."""

from __future__ import annotations

from typing import Any

import streamlit as st

import hopfield

FIXES = (
    "pseudoinverse",
    "modern",
)  # tried in this order: the first that is not the memory's own rule is offered


def fix_for(rule: str) -> str:
    """The rule offered when `rule` fails: the pseudo-inverse (exact fixed points for P < N, Personnaz et al. 1985),
    or the modern memory (Ramsauer et al. 2020) when the pseudo-inverse is the rule that failed."""
    return next(fix for fix in FIXES if fix != rule)


def use_rule(rule: str) -> None:
    """Callback: make `rule` the sidebar's learning rule (the link follows, as for any sidebar change)."""
    st.session_state["rule"] = rule


def offer_fix(rule: str, where: Any = st) -> None:
    """A "Try the fix" button that switches the sidebar's rule to `fix_for(rule)` in one click."""
    fix = fix_for(rule)
    title = hopfield.RULES[fix].title
    where.button(
        f"Try the fix: {title}",
        icon=":material/auto_fix_high:",
        on_click=use_rule,
        args=(fix,),
        key="_recall_try_fix",
        help=f"Store the same patterns with the {title} rule instead (the sidebar's "
        "Learning rule) and recall the same probe.",
    )


def unstable_note(unstable: int, label: str, rule_title: str, where: Any = st) -> None:
    """Say that pattern `label` is not a fixed point: a clean probe loses `unstable` bits in one step."""
    where.info(
        f"Pattern {label} is not a fixed point of this memory: even a clean probe loses {unstable} bit"
        f"{'s' * (unstable != 1)} in one step. Too many (or too similar) patterns for the {rule_title} rule: "
        "store fewer, or try the pseudo-inverse, dense or modern rules.",
        icon=":material/info:",
    )
