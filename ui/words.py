"""Counting in words, for sentences that may count one thing."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` and `noun`, plural unless one: counted(1, "pattern") == "1 pattern", counted(1200, "start") ==
    "1,200 starts".

    >>> counted(1, "pattern"), counted(0, "pattern"), counted(1200, "stored pattern")
    ('1 pattern', '0 patterns', '1,200 stored patterns')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
