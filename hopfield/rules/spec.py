"""What a learning rule is: `Rule` (everything about one rule) and `ParamSpec` (one of its parameters).

A `Rule` carries its title and description (with the formula), its theoretical capacity, the kind
of memory it builds (whose modes are its recall modes, from `hopfield.dynamics.DYNAMICS`), its
parameters (`ParamSpec`: default, allowed range, whole number or not, label, help with the formula,
slider step and range) and what builds its memory. The engine validates a user's parameters from
the specs (`Rule.check`) and the app builds its controls from them.

A pairwise rule turns patterns Ξ (P, N) into couplings C and a scale s, with weights W = s·C (its
`train` function); its memory is a `dynamics.PairwiseMemory`. Dense and modern memories keep the
patterns themselves instead of a matrix: their rules give a `memory` function that builds one
(`dense.DenseMemory`, `modern.ModernMemory`). A memory has a `kind`, `couplings` (None without a
matrix), `scale` and `energy(states)`; each mode's update for its kind recalls it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np

from ..dynamics import PairwiseMemory, check_memory, modes_running

__all__ = ["ParamSpec", "Rule", "Memory", "Couplings", "no_closed_form"]

Couplings = tuple[np.ndarray, float]


def no_closed_form(n: int, **_: object) -> float:
    """nan: the rule has no closed-form capacity (the app draws no theory line and says so)."""
    return math.nan


def _number(value: float) -> str:
    return f"{value:g}"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a learning rule: what the engine accepts and what the app shows.

    name:      the keyword argument (`HopfieldNetwork.train(..., damping=0.1)`).
    default:   the value used when none is given: the only place it is written.
    lo, hi:    the allowed range, bounds included (hi may be inf); `lo_open` excludes lo (β > 0).
    integer:   whether only whole numbers are allowed.
    label:     the control's label in the app, e.g. "Damping λ".
    help:      one or two sentences for the app, with the formula.
    step:      the slider's step.
    slider:    (lo, hi) the app's slider offers, inside the allowed range; None: (lo, hi).
    choices:   a parameter that names one of these instead of a number (default one of them; lo and hi unused):
               the modern rule's attention. The app offers a select box.
    """

    name: str
    default: float | str
    lo: float = -math.inf
    hi: float = math.inf
    integer: bool = False
    label: str = ""
    help: str = ""
    step: float = 0.01
    slider: tuple[float, float] | None = None
    lo_open: bool = False
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.choices:
            object.__setattr__(self, "label", self.label or self.name)
            self.check(self.default)
            return
        if self.slider is None:
            object.__setattr__(self, "slider", (self.lo, self.hi))
        if not self.label:
            object.__setattr__(self, "label", self.name)
        self.check(self.default)
        for bound in self.slider:
            if not (self.lo <= bound <= self.hi and math.isfinite(bound)):
                raise ValueError(
                    f"The slider range of {self.name} must be finite and inside {self.allowed}."
                )

    @property
    def allowed(self) -> str:
        """The allowed values in words: "a whole number from 2 to 20", "a number > 0", "one of a, b", ..."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        kind = "a whole number" if self.integer else "a number"
        if math.isfinite(self.hi) and self.lo_open:
            return f"{kind} greater than {_number(self.lo)} and at most {_number(self.hi)}"
        if math.isfinite(self.hi):
            return f"{kind} from {_number(self.lo)} to {_number(self.hi)}"
        return f"{kind} {'>' if self.lo_open else '>='} {_number(self.lo)}"

    def check(self, value: object) -> int | float | str:
        """`value` (a Python or numpy number; one of `choices` for a choice) as a Python value, or ValueError with
        a sentence naming it."""
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                raise ValueError(f"{self.name} must be {self.allowed}, got {_shown(value)}.")
            return value
        if isinstance(value, np.generic):
            value = value.item()  # Python scalars, so that the parameters are JSON for `save`
        wanted = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            raise ValueError(f"{self.name} must be {self.allowed}, got {_shown(value)}.")
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(
                f"{self.name} must be {self.allowed}, got a number too large to use."
            ) from None
        inside = self.lo <= number <= self.hi and not (self.lo_open and number == self.lo)
        if not (math.isfinite(number) and inside):
            raise ValueError(f"{self.name} must be {self.allowed}, got {_shown(value)}.")
        return value


class Memory(Protocol):
    """What a rule builds: a memory of one `kind`, recalled by its modes' updates (`Mode.updates[kind]`),
    that measures energies of checked states (B, N)."""

    kind: str  # "pairwise", "dense" or "modern": which update of each mode runs it
    couplings: (
        np.ndarray | None
    )  # the pairwise C of W = scale·C, or None for memories without a matrix
    scale: float

    def energy(self, states: np.ndarray) -> np.ndarray: ...


def _param_table(params: Mapping[str, ParamSpec] | Iterable[ParamSpec]) -> Mapping[str, ParamSpec]:
    specs = params.values() if isinstance(params, Mapping) else params
    return MappingProxyType({spec.name: spec for spec in specs})


@dataclass(frozen=True)
class Rule:
    """A learning rule: how to build the memory, what it can hold, which dynamics it runs, its parameters.

    name, title, description: the registry key, the app's name and a sentence with the formula.
    kind:     the kind of memory it builds: "pairwise" (a weight matrix), "dense" (Krotov–Hopfield) or
              "modern" (softmax); the modes that run that kind (`Mode.updates`) are its modes.
    theory:   theory(n, **settings) -> the theoretical capacity P_max (see `capacity`); nan: no closed form
              (`no_closed_form`).
    theory_text: that capacity in words: the formula, the criterion it counts (exact recall, a few bits
              wrong, ...) and its source. The app shows it beside every theory line.
    allowed_modes: the recall modes it allows when not every mode that runs its kind of memory (empty:
              all of them); its `modes` come from `hopfield.dynamics.DYNAMICS`.
    train:    pairwise rules: train(patterns, **settings) -> (couplings C, scale s), W = s·C.
    params:   its parameters' `ParamSpec`s by name, read-only (give a sequence of specs).
    memory:   other rules: memory(patterns, **settings) -> a `Memory`.
    stacked:  `train` also takes a stack of pattern sets (T, P, N) (capacity sweeps batch it).
    descends: the modes in which the memory promises that the energy never rises along a recall.
    energy:   what its energies are, one sentence with the formula in LaTeX, for captions.
    real_valued: the memory also stores real-valued patterns, kept exactly as given, and keys with
              values (`HopfieldNetwork.train(..., values=V)`); binary input (only 0/1 or only ±1)
              is still stored as ±1 codes and recalled as signs, as the binary pages expect.
    strengths: `train` takes `strengths=c` (P,), a weight c_μ >= 0 per pattern (`strengths.check_strengths`).
    """

    name: str
    title: str
    description: str
    kind: str
    theory: Callable[..., float]
    allowed_modes: tuple[str, ...] = ()
    train: Callable[..., Couplings] | None = None
    params: Mapping[str, ParamSpec] = field(default_factory=lambda: MappingProxyType({}))
    memory: Callable[..., Memory] | None = None
    stacked: bool = False
    descends: tuple[str, ...] = ()
    energy: str = ""
    real_valued: bool = False
    strengths: bool = False
    theory_text: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _param_table(self.params))
        if (self.train is None) == (self.memory is None):
            raise ValueError(
                f"The {self.name} rule needs exactly one of train (pairwise) or memory."
            )
        if self.train is not None and self.kind != PairwiseMemory.kind:
            raise ValueError(
                f"The {self.name} rule trains weights, so its kind is pairwise, not {self.kind!r}."
            )
        running = modes_running(self.kind)
        wanted = self.allowed_modes or running
        unknown = [mode for mode in (*wanted, *self.descends) if mode not in running]
        if unknown or not wanted or not set(self.descends) <= set(wanted):
            raise ValueError(
                f"The {self.name} rule's modes must be among {', '.join(running) or 'none'} (the modes "
                f"that run a {self.kind} memory), got {wanted}."
            )

    @property
    def modes(self) -> tuple[str, ...]:
        """The recall modes it allows: the registered modes that run its kind of memory (`DYNAMICS`),
        only `allowed_modes` when given, in registry order."""
        running = modes_running(self.kind)
        return (
            tuple(mode for mode in running if mode in self.allowed_modes)
            if self.allowed_modes
            else running
        )

    def defaults(self) -> dict[str, int | float]:
        """Every parameter's default, by name."""
        return {name: spec.default for name, spec in self.params.items()}

    def check(self, settings: Mapping[str, object]) -> dict[str, int | float]:
        """The rule's full settings from a user's keyword parameters: defaults filled in, each value
        checked against its spec (Python numbers out), or ValueError with a sentence."""
        unknown = sorted(set(settings) - set(self.params), key=str)
        if unknown:
            allowed = ", ".join(self.params) or "none"
            raise ValueError(
                f"The {self.name} rule takes no parameter {', '.join(map(str, unknown))}; it takes: {allowed}."
            )
        return {
            name: spec.check(settings.get(name, spec.default)) for name, spec in self.params.items()
        }

    def capacity(self, n: int, **params: object) -> float:
        """The theoretical capacity P_max at N neurons, with the given parameters (defaults for the rest)."""
        return self.theory(n, **{**self.defaults(), **params})

    def build(
        self,
        patterns: np.ndarray,
        settings: Mapping[str, Any],
        memory_budget: int | None = None,
        values: np.ndarray | None = None,
        strengths: np.ndarray | None = None,
    ) -> Memory:
        """The memory of checked int8 ±1 patterns (P, N) under checked `settings` (see `check`).

        A pairwise memory's N×N matrices are refused before training when they exceed the budget
        (`dynamics.check_memory`); its couplings are read-only. A `real_valued` rule also takes
        float64 patterns and `values` (P, M) stored beside them.
        """
        if values is not None:
            if not self.real_valued:
                raise ValueError(
                    f"The {self.name} rule stores no values beside its patterns; "
                    "only rules with real-valued memories (modern) take values=."
                )
            return self.memory(patterns, **settings, values=values)
        if self.memory is not None:
            return self.memory(patterns, **settings)
        check_memory(patterns.shape[1], memory_budget)
        extra = (
            {} if strengths is None else {"strengths": strengths}
        )  # only rules with `strengths` get them
        couplings, scale = self.train(patterns, **settings, **extra)
        couplings.flags.writeable = False
        return PairwiseMemory(couplings, scale)
