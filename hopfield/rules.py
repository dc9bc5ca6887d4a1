"""Learning rules: one registry holding everything about each rule.

A `Rule` carries its title and description (with the formula), its theoretical capacity,
the recall modes it allows, its parameters (`ParamSpec`: default, allowed range, whole
number or not, label, help with the formula, slider step and range) and what builds its
memory. The engine validates a user's parameters from the specs (`Rule.check`) and the
app builds its controls from them: every default is written once, here.

A pairwise rule turns patterns Ξ (P, N) into couplings C and a scale s, with weights
W = s·C (its `train` function); its memory is a `dynamics.PairwiseMemory`. Keeping the
scale outside lets the Hebbian couplings stay whole numbers, so a field of exactly zero is
a true tie even in float32. Dense and modern memories keep the patterns themselves instead
of a matrix: their rules give a `memory` function that builds one (`dense.DenseMemory`,
`dense.ModernMemory`). A memory answers `recall(states, mode, max_steps, temperature, seed,
record)` and `energy(states)`, and has `couplings` (None without a matrix) and `scale`.

Adding a rule is one function (`train` or `memory`) and one entry in `RULES`, or a call to
`register_rule` from outside the package.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np

from .continuous import ENERGY_FORMULA, ENERGY_LATEX, ContinuousMemory
from .dense import DenseMemory, ModernMemory
from .dynamics import MODES, PairwiseMemory, check_memory
from .patterns import check_real
from .results import RecallResult

__all__ = [
    "ParamSpec",
    "Rule",
    "Memory",
    "RULES",
    "get_rule",
    "register_rule",
    "unregister_rule",
    "rules_allowing",
    "hebbian",
    "storkey",
    "pseudoinverse",
    "stacked_couplings",
    "no_closed_form",
    "exact_dtype",
    "on_grid",
]

Couplings = tuple[np.ndarray, float]


def exact_dtype(n: int, p: int) -> type:
    """float32 while every field Σ_j C_ij s_j of whole-number couplings |C_ij| <= P stays below 2^24."""
    return np.float32 if n * max(p, 1) < 2**24 else np.float64


_ROUNDER = 1.5 * 2.0**16  # x + this - this is x rounded to a multiple of 2^-36 for |x| < 2^14 (see `on_grid`)


def on_grid(couplings: np.ndarray, bound: float | None = None) -> np.ndarray:
    """Round real couplings to multiples of 2^-36 (a change below 1e-11), in place.

    Then every field Σ_j C_ij s_j with s = ±1 is a whole multiple of 2^-36 below 2^53 of them,
    so float64 computes it exactly in any summation order: a zero field is a true tie, and
    batched, incremental and plain recalls agree bit for bit. Skipped when max|C|·N >= 2^17.
    `bound`: a known finite bound on max|C|, which saves scanning C for it.
    """
    # max|C| without a temporary (NaN stays NaN)
    top = bound if bound is not None else max(couplings.max(initial=0.0), -couplings.min(initial=0.0))
    if top * couplings.shape[0] < 2.0**17 and top < 2.0**14:
        # Floats in [2^16, 2^17) are spaced exactly 2^-36 apart, so adding c = 1.5·2^16 rounds C to the
        # grid (to nearest, ties to even as np.rint: c is an even multiple of it) and subtracting c is exact.
        couplings += _ROUNDER
        couplings -= _ROUNDER
    return couplings


def hebbian(patterns: np.ndarray, strengths: np.ndarray | None = None) -> Couplings:
    """Hebb's rule: W = (1/N) Σ_μ ξ^μ ξ^μᵀ with w_ii = 0 (Hopfield 1982).

    Returns the whole-number couplings C = Σ_μ ξ^μ ξ^μᵀ (zero diagonal) and the scale 1/N.
    The seed notes scale by 1/P instead: a positive scale changes energies, never the
    sign of a field, so the dynamics are the same. Also takes a stack of pattern sets
    (T, P, N) and returns their couplings (T, N, N) in one batched product (capacity sweeps).
    With strengths c (P,): C = Σ_μ c_μ ξ^μ ξ^μᵀ in float64 on the 2^-36 grid (`on_grid`).
    """
    p, n = patterns.shape[-2:]
    if strengths is not None:
        xi = patterns.astype(np.float64)
        weighted = np.ascontiguousarray((xi * np.asarray(strengths, np.float64)[:, None]).T) @ xi
        np.fill_diagonal(weighted, 0)
        return on_grid(weighted), 1.0 / n
    as_float = patterns.astype(exact_dtype(n, p))
    # A contiguous Ξᵀ makes this one plain GEMM (numpy's `Ξ.T @ Ξ` takes a slower syrk-and-mirror
    # path); the sums are whole numbers, exact in any order, so C is still exactly symmetric.
    couplings = np.ascontiguousarray(np.swapaxes(as_float, -1, -2)) @ as_float
    couplings.reshape(-1, n * n)[:, :: n + 1] = 0  # the zero diagonal of each matrix (a view: C is contiguous)
    return couplings, 1.0 / n


def storkey(patterns: np.ndarray) -> Couplings:
    """Storkey's incremental rule (Storkey 1997), each pattern ε applied to the matrix of the ones before:

        w_ij += (1/N) [ε_i ε_j − ε_i h_ji − h_ij ε_j],   h_ij = Σ_{k≠i,j} w_ik ε_k.

    h_ij never reads the diagonal, so the diagonal is kept at zero throughout (and in the
    result), as in the classic network. With h = Wε and b = −h the step is exactly
    W ← (1 + 2/N) W + (1/N) [(ε + b)(ε + b)ᵀ − b bᵀ] off the diagonal, so W stays a sum of
    scaled rank-1 terms: we keep the factors, compute each h from them in O(N·P), and
    build W at the end as AᵀA − BᵀB, A (B) the factors of positive (negative) weight scaled by
    √|w| (O(N·P²) + two products instead of O(N²·P)). numpy computes XᵀX as one symmetric
    rank-k update mirrored to both triangles, so W is exactly symmetric.
    """
    p, n = patterns.shape
    eps_all = patterns.astype(np.float64)
    factors = np.empty((2 * p, n))
    weights = np.empty(2 * p)
    diagonal = np.zeros(n)  # the diagonal the factors would give, removed from every field
    for k, eps in enumerate(eps_all):
        used = factors[: 2 * k]
        field_ = used.T @ (weights[: 2 * k] * (used @ eps)) - diagonal * eps
        b = -field_
        weights[: 2 * k] *= 1 + 2 / n
        diagonal *= 1 + 2 / n
        factors[2 * k], factors[2 * k + 1] = eps + b, b
        weights[2 * k], weights[2 * k + 1] = 1 / n, -1 / n
        diagonal += ((eps + b) ** 2 - b**2) / n
    root = np.sqrt(np.abs(weights))[:, None] * factors
    positive, negative = root[weights > 0], root[weights < 0]  # the (ε + b) rows and the b rows
    couplings = positive.T @ positive
    couplings -= negative.T @ negative
    np.fill_diagonal(couplings, 0)
    return on_grid(couplings), 1.0


def pseudoinverse(patterns: np.ndarray, damping: float = 0.0) -> Couplings:
    """Projection rule (Personnaz et al. 1985; Kanter & Sompolinsky 1987):

        W = Ξᵀ (Ξ Ξᵀ + λ N I)⁺ Ξ,   then w_ii = 0.

    With λ = 0, W projects onto the span of the patterns, so Wξ^μ = ξ^μ and each field is
    h_i = (1 − w_ii) ξ^μ_i with 0 <= w_ii <= 1: every stored pattern is a fixed point
    (a zero field keeps the state). The damping λ >= 0 (relative to N) softens the inverse
    for strongly correlated sets such as the seed's digits.
    """
    damping = check_real(damping, "damping")  # also called directly, not only through Rule.check
    p, n = patterns.shape
    xi = patterns.astype(np.float64)
    scaled = _projector_factor_by_gram(xi, damping) if p < n else None
    if scaled is None:
        # Ξ = U S Vᵀ gives W = V diag(s² / (s² + λN)) Vᵀ over the nonzero singular values: the
        # same matrix, without squaring the condition number in ΞΞᵀ.
        _, singular, rows = np.linalg.svd(xi, full_matrices=False)
        kept = singular > singular.max() * max(p, n) * np.finfo(np.float64).eps  # the rank, as matrix_rank
        power = singular[kept] ** 2
        scaled = rows[kept] * np.sqrt(power / (power + damping * n))[:, None]
    couplings = scaled.T @ scaled  # one symmetric rank-k product, mirrored: exactly symmetric
    np.fill_diagonal(couplings, 0)
    # on_grid also turns rounding noise into exact zeros: a row of the projector whose w_ii is 1
    # is zero off the diagonal, and there a stored pattern's field must be a true tie. A (damped)
    # projector's entries satisfy |w_ij| <= √(w_ii w_jj) <= 1: bound 2 leaves room for rounding.
    return on_grid(couplings, bound=2.0), 1.0


def _projector_factor_by_gram(xi: np.ndarray, damping: float) -> np.ndarray | None:
    """F with W = FᵀF = Ξᵀ (ΞΞᵀ + λN I)⁻¹ Ξ, from the P×P Gram matrix G = ΞΞᵀ = Q Λ Qᵀ:
    F = diag(1/√(Λ + λN)) Qᵀ Ξ. O(P²N) instead of an SVD of Ξ, for P < N.

    The Gram matrix squares Ξ's condition number, so this is used only when G is full rank and
    well conditioned (λ_min / λ_max > 1e-6, an error in W far below the 2^-36 grid of `on_grid`);
    otherwise None, and the caller takes the SVD.
    """
    gram = xi @ xi.T  # whole numbers: exact
    values, vectors = np.linalg.eigh(gram)
    if values[0] <= values[-1] * 1e-6:
        return None
    n = xi.shape[1]
    return (vectors.T @ xi) / np.sqrt(values + damping * n)[:, None]


def stacked_couplings(rule: Rule, patterns: np.ndarray, settings: Mapping[str, Any]) -> np.ndarray:
    """Transposed couplings Cᵀ (T, N, N), C-contiguous, of a pairwise rule for each pattern set of
    a stack (T, P, N): one batched call when the rule's `train` takes stacks (`Rule.stacked`, as
    `hebbian` does: symmetric, so Cᵀ = C), else one `train` per set. For `dynamics.sync_stack`."""
    if rule.stacked:
        return rule.train(patterns, **settings)[0]
    return np.stack([rule.train(trial, **settings)[0].T for trial in patterns])


def _double_factorial(k: int) -> int:
    return math.prod(range(k, 0, -2)) if k > 0 else 1


def _hebbian_capacity(n: int) -> float:
    """Amit, Gutfreund & Sompolinsky 1985: P_max ≈ 0.138 N."""
    return 0.138 * n


def _storkey_capacity(n: int) -> float:
    """Storkey 1997: P_max ≈ N / √(2 ln N)."""
    return n / math.sqrt(2 * math.log(max(n, 2)))


def _projection_capacity(n: int, damping: float) -> float:
    """Personnaz et al. 1985: every pattern stored while P < N."""
    return float(n)


def _dense_poly_capacity(n: int, degree: int) -> float:
    """Krotov & Hopfield 2016: P_max ≈ N^(n−1) / (2 (2n−3)!! ln N)."""
    return n ** (degree - 1) / (2 * _double_factorial(2 * degree - 3) * math.log(max(n, 2)))


def _exponential_capacity(n: int) -> float:
    """Demircigil et al. 2017: P_max ≈ 2^(N/2) for the exponential energy (inf once it exceeds float range)."""
    return 2.0 ** (n / 2) if n < 2048 else math.inf  # 2^1024 is past the largest float


def no_closed_form(n: int, **_: object) -> float:
    """nan: the rule has no closed-form capacity (the app draws no theory line and says so)."""
    return math.nan


def _dense_poly(patterns: np.ndarray, degree: int) -> DenseMemory:
    return DenseMemory(patterns, "poly", degree)


def _dense_rectified(patterns: np.ndarray, degree: int) -> DenseMemory:
    return DenseMemory(patterns, "rect", degree)


def _dense_exp(patterns: np.ndarray) -> DenseMemory:
    return DenseMemory(patterns, "exp")


def _modern(patterns: np.ndarray, beta: float, values: object = None) -> Memory:
    """Binary ±1 codes: the sign-valued `ModernMemory`; real patterns or keys with values: `ContinuousMemory`."""
    if values is None and patterns.dtype == np.int8:
        return ModernMemory(patterns, beta)
    return ContinuousMemory(patterns.astype(np.float64, copy=False), beta, values)  # the network's own read-only array


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
    """

    name: str
    default: float
    lo: float
    hi: float = math.inf
    integer: bool = False
    label: str = ""
    help: str = ""
    step: float = 0.01
    slider: tuple[float, float] | None = None
    lo_open: bool = False

    def __post_init__(self) -> None:
        if self.slider is None:
            object.__setattr__(self, "slider", (self.lo, self.hi))
        if not self.label:
            object.__setattr__(self, "label", self.name)
        self.check(self.default)
        for bound in self.slider:
            if not (self.lo <= bound <= self.hi and math.isfinite(bound)):
                raise ValueError(f"The slider range of {self.name} must be finite and inside {self.allowed}.")

    @property
    def allowed(self) -> str:
        """The allowed values in words: "a whole number from 2 to 20", "a number > 0", ..."""
        kind = "a whole number" if self.integer else "a number"
        if math.isfinite(self.hi) and self.lo_open:
            return f"{kind} greater than {_number(self.lo)} and at most {_number(self.hi)}"
        if math.isfinite(self.hi):
            return f"{kind} from {_number(self.lo)} to {_number(self.hi)}"
        return f"{kind} {'>' if self.lo_open else '>='} {_number(self.lo)}"

    def check(self, value: object) -> int | float:
        """`value` (a Python or numpy number) as a Python number, or ValueError with a sentence naming it."""
        if isinstance(value, np.generic):
            value = value.item()  # Python scalars, so that the parameters are JSON for `save`
        wanted = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            raise ValueError(f"{self.name} must be {self.allowed}, got {_shown(value)}.")
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(f"{self.name} must be {self.allowed}, got a number too large to use.") from None
        inside = self.lo <= number <= self.hi and not (self.lo_open and number == self.lo)
        if not (math.isfinite(number) and inside):
            raise ValueError(f"{self.name} must be {self.allowed}, got {_shown(value)}.")
        return value


class Memory(Protocol):
    """What a rule builds: a memory that recalls and measures energies of checked int8 ±1 states (B, N)."""

    couplings: np.ndarray | None  # the pairwise C of W = scale·C, or None for memories without a matrix
    scale: float

    def recall(self, states: np.ndarray, mode: str, max_steps: int, temperature: float, seed: object,
               record: bool | str) -> RecallResult: ...

    def energy(self, states: np.ndarray) -> np.ndarray: ...


def _param_table(params: Mapping[str, ParamSpec] | Iterable[ParamSpec]) -> Mapping[str, ParamSpec]:
    specs = params.values() if isinstance(params, Mapping) else params
    return MappingProxyType({spec.name: spec for spec in specs})


@dataclass(frozen=True)
class Rule:
    """A learning rule: how to build the memory, what it can hold, which dynamics it runs, its parameters.

    name, title, description: the registry key, the app's name and a sentence with the formula.
    kind:     "pairwise" (a weight matrix), "dense" (Krotov–Hopfield) or "modern" (softmax); for display.
    theory:   theory(n, **settings) -> the theoretical capacity P_max (see `capacity`); nan: no closed form.
    theory_text: that capacity in words: the formula, the criterion it counts (exact recall, a few bits
              wrong, ...) and its source. The app shows it beside every theory line.
    modes:    the recall modes it allows (names in `hopfield.dynamics.DYNAMICS`).
    train:    pairwise rules: train(patterns, **settings) -> (couplings C, scale s), W = s·C.
    params:   its parameters' `ParamSpec`s by name, read-only (give a sequence of specs).
    memory:   other rules: memory(patterns, **settings) -> a `Memory`.
    stacked:  `train` also takes a stack of pattern sets (T, P, N) (capacity sweeps batch it).
    descends: the modes in which the memory promises that the energy never rises along a recall.
    energy:   what its energies are, one sentence with the formula in LaTeX, for captions.
    real_valued: the memory also stores real-valued patterns, kept exactly as given, and keys with
              values (`HopfieldNetwork.train(..., values=V)`); binary input (only 0/1 or only ±1)
              is still stored as ±1 codes and recalled as signs, as the binary pages expect.
    strengths: `train` takes `strengths=c` (P,), a weight c_μ >= 0 per pattern (`learning.check_strengths`).
    """

    name: str
    title: str
    description: str
    kind: str
    theory: Callable[..., float]
    modes: tuple[str, ...]
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
            raise ValueError(f"The {self.name} rule needs exactly one of train (pairwise) or memory.")
        unknown = [mode for mode in (*self.modes, *self.descends) if mode not in MODES]
        if unknown or not self.modes or not set(self.descends) <= set(self.modes):
            raise ValueError(f"The {self.name} rule's modes must be among {', '.join(MODES)}, got {self.modes}.")

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
        return {name: spec.check(settings.get(name, spec.default)) for name, spec in self.params.items()}

    def capacity(self, n: int, **params: object) -> float:
        """The theoretical capacity P_max at N neurons, with the given parameters (defaults for the rest)."""
        return self.theory(n, **{**self.defaults(), **params})

    def build(self, patterns: np.ndarray, settings: Mapping[str, Any], memory_budget: int | None = None,
              values: np.ndarray | None = None, strengths: np.ndarray | None = None) -> Memory:
        """The memory of checked int8 ±1 patterns (P, N) under checked `settings` (see `check`).

        A pairwise memory's N×N matrices are refused before training when they exceed the budget
        (`dynamics.check_memory`); its couplings are read-only. A `real_valued` rule also takes
        float64 patterns and `values` (P, M) stored beside them.
        """
        if values is not None:
            if not self.real_valued:
                raise ValueError(f"The {self.name} rule stores no values beside its patterns; "
                                 "only rules with real-valued memories (modern) take values=.")
            return self.memory(patterns, **settings, values=values)
        if self.memory is not None:
            return self.memory(patterns, **settings)
        check_memory(patterns.shape[1], memory_budget)
        extra = {} if strengths is None else {"strengths": strengths}  # only rules with `strengths` get them
        couplings, scale = self.train(patterns, **settings, **extra)
        couplings.flags.writeable = False
        return PairwiseMemory(couplings, scale)


_PAIRWISE_MODES = ("sync", "async", "stochastic")
_PAIRWISE_ENERGY = "Energies are $E = -\\tfrac12\\, s^\\top W s$."
# Each rule's theory in words (`Rule.theory_text`), also the end of its description: formula, criterion, source.
_HEBBIAN_THEORY = ("Capacity ≈ 0.138 N with up to 1.6 % of bits wrong (Amit, Gutfreund & Sompolinsky 1985); "
                   "error-free, N / (2 ln N) for one pattern and N / (4 ln N) for all at once (McEliece et al. 1987).")
_STORKEY_THEORY = "Capacity ≈ N / √(2 ln N), each pattern error-free (Storkey 1997)."
_PROJECTION_THEORY = "Capacity N: every stored pattern exactly a fixed point while P < N (Personnaz et al. 1985)."
_POLY_THEORY = "Capacity ≈ N^(n−1) / (2(2n−3)!! ln N), each pattern error-free (Krotov & Hopfield 2016)."
_EXP_THEORY = ("Capacity ≈ 2^(N/2): exponentially many patterns e^(αN), each recalled exactly, up to α = ½ ln 2 "
               "(Demircigil et al. 2017).")
_MODERN_THEORY = ("Capacity exponential in N, with a constant that depends on β and on how far apart the patterns are "
                  "(Ramsauer et al. 2020, Theorem 3): no closed form is drawn.")
_RECTIFIED_THEORY = ("No closed form: the line drawn is the polynomial rule's N^(n−1) / (2(2n−3)!! ln N) (Krotov & "
                     "Hopfield 2016). The rectified rule stores more: at twice that load most patterns stay fixed "
                     "points, against a minority under the polynomial rule (measured).")

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "hebbian",
            "Hebbian",
            "W = (1/N) Σ_μ ξ^μ ξ^μᵀ, w_ii = 0. " + _HEBBIAN_THEORY,
            "pairwise",
            _hebbian_capacity,
            _PAIRWISE_MODES,
            train=hebbian,
            stacked=True,
            descends=("async",),
            energy=_PAIRWISE_ENERGY,
            strengths=True,
            theory_text=_HEBBIAN_THEORY,
        ),
        Rule(
            "storkey",
            "Storkey",
            "w_ij += (1/N)[ε_i ε_j − ε_i h_ji − h_ij ε_j], h_ij = Σ_{k≠i,j} w_ik ε_k. " + _STORKEY_THEORY,
            "pairwise",
            _storkey_capacity,
            _PAIRWISE_MODES,
            train=storkey,
            descends=("async",),
            energy=_PAIRWISE_ENERGY,
            theory_text=_STORKEY_THEORY,
        ),
        Rule(
            "pseudoinverse",
            "Pseudo-inverse",
            "W = Ξᵀ(ΞΞᵀ + λN I)⁺Ξ, w_ii = 0 (λ = 0: a projection). " + _PROJECTION_THEORY,
            "pairwise",
            _projection_capacity,
            _PAIRWISE_MODES,
            train=pseudoinverse,
            params=(
                ParamSpec(
                    "damping", 0.0, 0.0, label="Damping λ", step=0.01, slider=(0.0, 1.0),
                    help="Softens the pseudo-inverse for correlated patterns: (ΞΞᵀ + λN I)⁻¹.",
                ),
            ),
            descends=("async",),
            energy=_PAIRWISE_ENERGY,
            theory_text=_PROJECTION_THEORY,
        ),
        Rule(
            "dense-poly",
            "Dense (polynomial)",
            "E = −Σ_μ F(ξ^μ·s), F(x) = xⁿ (Krotov & Hopfield 2016). " + _POLY_THEORY,
            "dense",
            _dense_poly_capacity,
            ("sync", "async"),
            memory=_dense_poly,
            params=(
                ParamSpec(
                    "degree", 3, 2, 20, integer=True, label="Degree n", step=1, slider=(2, 10),
                    help="F(x) = xⁿ; n = 2 is the classic network, larger n stores far more.",
                ),
            ),
            descends=("async",),
            energy="Energies are the dense memory's $E = -\\sum_\\mu (\\xi^\\mu\\cdot s)^n$.",
            theory_text=_POLY_THEORY,
        ),
        Rule(
            "dense-exp",
            "Dense (exponential)",
            "E = −Σ_μ exp(ξ^μ·s) (Demircigil et al. 2017). " + _EXP_THEORY,
            "dense",
            _exponential_capacity,
            ("sync", "async"),
            memory=_dense_exp,
            descends=("async",),
            energy="Energies are $-\\ln\\sum_\\mu e^{\\xi^\\mu\\cdot s}$, the logarithm of the exponential "
            "energy's size.",
            theory_text=_EXP_THEORY,
        ),
        Rule(
            "modern",
            "Modern (softmax)",
            f"ξ ← Xᵀ softmax(β Xξ / N), energy {ENERGY_FORMULA} (Ramsauer et al. 2020; X: the patterns, M² = "
            "max_μ ξ^μ·ξ^μ / N). β multiplies the normalised overlap ξ^μ·ξ / N: the overlap in [−1, 1] "
            "for ±1 patterns, the correlation for images standardised per image. " + _MODERN_THEORY,
            "modern",
            no_closed_form,
            ("sync",),
            memory=_modern,
            params=(
                ParamSpec(
                    "beta", 50.0, 0.0, lo_open=True, label="Inverse temperature β", step=0.5, slider=(0.5, 100.0),
                    help="ξ ← Ξᵀ softmax(β Ξξ / N): β multiplies the normalised overlap ξ^μ·ξ / N (a correlation "
                    "for standardised images); larger β makes the softmax pick the single nearest memory.",
                ),
            ),
            descends=("sync",),
            energy=f"Energies are the modern network's ${ENERGY_LATEX}$, of its real-valued states along the recall.",
            real_valued=True,
            theory_text=_MODERN_THEORY,
        ),
        Rule(
            "dense-rectified",
            "Dense (rectified)",
            "E = −Σ_μ F(ξ^μ·s), F(x) = max(x, 0)ⁿ (Krotov & Hopfield 2016): only patterns the state agrees "
            "with pull on it, so a reversed pattern −ξ^μ is not an attractor, unlike under the polynomial rule "
            "with even n, where F(−x) = F(x). " + _RECTIFIED_THEORY,
            "dense",
            _dense_poly_capacity,
            ("sync", "async"),
            memory=_dense_rectified,
            params=(
                ParamSpec(
                    "degree", 3, 2, 20, integer=True, label="Degree n", step=1, slider=(2, 10),
                    help="F(x) = max(x, 0)ⁿ: the polynomial rule with negative overlaps cut to 0.",
                ),
            ),
            descends=("async",),
            energy="Energies are the rectified dense memory's $E = -\\sum_\\mu \\max(\\xi^\\mu\\cdot s, 0)^n$.",
            theory_text=_RECTIFIED_THEORY,
        ),
    )
}


def get_rule(name: str) -> Rule:
    """Return the registered rule called `name`, or raise ValueError listing the names."""
    if not isinstance(name, str) or name not in RULES:
        raise ValueError(f"Unknown learning rule {name!r}; choose one of {', '.join(RULES)}.")
    return RULES[name]


def register_rule(rule: Rule) -> Rule:
    """Add `rule` to `RULES` under its name (from outside the package: a plugin, a test); returns it.

    A name already registered is refused, so a built-in rule is never replaced by accident.
    """
    if not isinstance(rule, Rule):
        raise ValueError(f"register_rule takes a Rule, got {rule!r}.")
    if rule.name in RULES or rule.name == "custom":  # "custom" names a network built from weights
        raise ValueError(f"A rule called {rule.name!r} is already registered; unregister it first.")
    RULES[rule.name] = rule
    return rule


def unregister_rule(name: str) -> Rule:
    """Remove the rule called `name` from `RULES` and return it."""
    return RULES.pop(get_rule(name).name)


def rules_allowing(mode: str) -> tuple[str, ...]:
    """The names of the registered rules that allow the recall mode `mode`, in registry order."""
    return tuple(name for name, rule in RULES.items() if mode in rule.modes)
