"""HopfieldNetwork: an immutable trained memory with recall, energy, capacity and save/load."""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from .dynamics import (
    DYNAMICS,
    MEMORY_BUDGET,
    PairwiseMemory,
    check_memory,
    check_mode,
    modes_running,
)
from .patterns import (
    as_patterns,
    as_states,
    check_count,
    check_fraction,
    check_real,
    is_binary,
    make_rng,
    real_patterns,
    real_states,
)
from .results import RecallResult
from .rules import RULES, Memory, Rule, get_rule, hebbian
from .strengths import check_strengths

__all__ = ["HopfieldNetwork", "load", "MEMORY_BUDGET", "check_memory"]

_FILE_FORMAT = "hopfield-lab-network-1"


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class HopfieldNetwork:
    """A trained memory. Build one with `HopfieldNetwork.train` or `HopfieldNetwork.from_weights`.

    Immutable: its arrays are read-only, so one network can be shared between threads.

    Examples
    --------
    >>> import numpy as np
    >>> net = HopfieldNetwork.train([[1, -1, 1, -1, 1, -1], [1, 1, 1, -1, -1, -1]])
    >>> net.recall([1, -1, 1, -1, 1, 1]).states[0].tolist()
    [1, -1, 1, -1, 1, -1]
    """

    patterns: (
        np.ndarray
    )  # (P, N) int8 ±1 (float64 for a real-valued memory); (0, N) for a network built from weights
    rule: str
    params: MappingProxyType  # the rule's full settings, defaults filled in (read-only)
    memory: Memory = field(repr=False)  # what the rule built: it recalls and measures energies
    strengths: np.ndarray | None = (
        None  # (P,) float64 c_μ of W = (1/N) Σ c_μ ξξᵀ, read-only; None: every c_μ = 1
    )

    @classmethod
    def train(
        cls,
        patterns: object,
        rule: str = "hebbian",
        memory_budget: int | None = None,
        *,
        strengths: object | None = None,
        values: object | None = None,
        **params: Any,
    ) -> HopfieldNetwork:
        """Store `patterns` (P, N; 0/1 or ±1) with the learning rule `rule` (see `hopfield.RULES`).

        Rule parameters are the rule's `params` (e.g. `damping` for pseudoinverse, `degree` for
        dense-poly, `beta` for modern), checked by `Rule.check`; the rule builds the memory.
        A rule with real-valued memories (`Rule.real_valued`: modern) keeps other finite real
        patterns exactly as given (float64; binary 0/1 or ±1 input is still stored as ±1 codes and
        recalled as signs), and stores `values` (P, M) beside its patterns (keys): `recall` then
        returns one retrieval Vᵀ softmax(β Xξ / N) per probe (B, M). Other rules refuse values.
        `strengths` (P,) weights each pattern, W = (1/N) Σ_μ c_μ ξ^μ ξ^μᵀ, for rules that take them
        (`Rule.strengths`: hebbian, palimpsest, unlearning); all ones is the plain rule.
        """
        spec = get_rule(rule)
        if spec.real_valued and not is_binary(raw := np.asarray(patterns)):
            xi = real_patterns(raw)
        else:
            xi = as_patterns(patterns)
            if values is not None:  # keys beside values are real states: binary keys as ±1 codes
                xi = xi.astype(np.float64)
        settings = spec.check(params)
        if strengths is not None and not spec.strengths:
            takers = ", ".join(name for name, other in RULES.items() if other.strengths)
            raise ValueError(
                f"The {rule} rule takes no pattern strengths; these rules do: {takers}."
            )
        strengths = None if strengths is None else check_strengths(strengths, xi.shape[0])
        memory = spec.build(xi, settings, memory_budget, values, strengths)
        return cls(_readonly(xi), rule, MappingProxyType(settings), memory, strengths)

    @classmethod
    def from_weights(cls, weights: object, memory_budget: int | None = None) -> HopfieldNetwork:
        """Build a network from a square matrix W (N, N) of finite real numbers, used exactly as given."""
        w = np.asarray(weights)
        if w.ndim != 2 or w.shape[0] != w.shape[1] or w.shape[0] == 0:
            raise ValueError(f"weights must be a square (N, N) matrix, got shape {w.shape}.")
        real = (
            w.dtype == bool
            or np.issubdtype(w.dtype, np.integer)
            or np.issubdtype(w.dtype, np.floating)
        )
        if not real or not np.isfinite(w).all():
            raise ValueError(
                "weights must be finite numbers, real (no NaN, infinity or complex values)."
            )
        check_memory(w.shape[0], memory_budget)
        return _custom(w.astype(np.float64), 1.0, np.zeros((0, w.shape[0]), np.int8))

    def damaged(
        self,
        prune: float = 0.0,
        remove: int = 0,
        clip: bool = False,
        seed: int | np.random.Generator | None = None,
    ) -> HopfieldNetwork:
        """A new network with this one's weight matrix damaged (graceful degradation, Hopfield 1982):

        remove: that many neurons, drawn at random, are taken out with their synapses; the new network
                and its patterns keep the other N − remove neurons, in order;
        prune:  round(prune · N'(N' − 1)/2) of the synapse pairs i < j left, drawn at random, are cut
                both ways (w_ij = w_ji = 0);
        clip:   every weight replaced by its sign, ±1 (0 stays 0): 1-bit "clipped" synapses (Sompolinsky 1986).
        Applied in that order, drawing `rng.choice(N, remove, replace=False)` then
        `rng.choice(pairs, cut, replace=False)` from `make_rng(seed)`. The result is built from weights
        (rule "custom") and keeps the stored patterns, so recall analyses still know what it should hold.
        Only memories with a weight matrix (pairwise rules) have synapses to damage.
        """
        if self.couplings is None:
            raise ValueError(
                f"The {self.rule} memory keeps its patterns, not a weight matrix: it has no synapses "
                "to damage. Damage a network of a pairwise rule (hebbian, storkey, pseudoinverse)."
            )
        prune = check_fraction(prune, "prune")
        remove = check_count(remove, "remove", minimum=0)
        if remove >= self.n:
            raise ValueError(
                f"remove must leave at least one neuron: at most {self.n - 1}, got {remove}."
            )
        if not isinstance(clip, (bool, np.bool_)):
            raise ValueError(f"clip must be True or False, got {clip!r}.")
        rng = make_rng(seed)
        kept = np.sort(np.setdiff1d(np.arange(self.n), rng.choice(self.n, remove, replace=False)))
        couplings = self.couplings[np.ix_(kept, kept)]
        rows, cols = np.triu_indices(len(kept), 1)
        cut = rng.choice(rows.size, round(prune * rows.size), replace=False)
        couplings[rows[cut], cols[cut]] = 0
        couplings[cols[cut], rows[cut]] = 0
        scale = self.scale
        if clip:
            couplings, scale = np.sign(couplings), 1.0
        return _custom(couplings, scale, self.patterns[:, kept])

    def __reduce__(self) -> tuple:
        """Pickled as what rebuilds it, patterns, rule and settings (or W), so that it can travel to
        another process (sweeps on an executor) and come back read-only and identical."""
        budget = 16 * self.n * self.n  # exactly what it needs: it was already built once
        if (
            self.rule == "custom"
        ):  # its own couplings and scale (exact ties stay exact) and patterns, if any
            return _custom, (self.couplings, self.scale, self.patterns)
        return _retrain, (
            self.patterns,
            self.rule,
            budget,
            self.strengths,
            self.values,
            dict(self.params),
        )

    @cached_property
    def fingerprint(self) -> str:
        """A short hex name of this memory, equal for networks with the same patterns, rule and settings
        (or, built from weights, the same W): a stable key for caches, unlike `id`.

        >>> HopfieldNetwork.train([[1, -1, 1]]).fingerprint == HopfieldNetwork.train([[1, -1, 1]]).fingerprint
        True
        """
        digest = hashlib.blake2b(
            repr((self.rule, sorted(self.params.items()), self.patterns.shape)).encode(),
            digest_size=12,
        )
        digest.update(np.ascontiguousarray(self.patterns).tobytes())
        if self.rule == "custom":  # a network built from weights (or damaged) is its matrix
            digest.update(
                repr(self.scale).encode() + np.ascontiguousarray(self.couplings).tobytes()
            )
        if self.real_valued:  # the kind of memory, and the values stored beside real keys
            digest.update(
                b"real" if self.values is None else np.ascontiguousarray(self.values).tobytes()
            )
        if self.strengths is not None:
            digest.update(b"strengths" + self.strengths.tobytes())
        return digest.hexdigest()

    @property
    def real_valued(self) -> bool:
        """Whether the memory holds real-valued patterns and takes real states (a real-valued `ModernMemory`)."""
        return bool(getattr(self.memory, "real_valued", False))

    @property
    def values(self) -> np.ndarray | None:
        """The values (P, M) stored beside the patterns (keys), read-only; None without values."""
        return getattr(self.memory, "values", None)

    @property
    def spec(self) -> Rule | None:
        """The learning rule's registry entry (None for a network built from weights)."""
        return None if self.rule == "custom" else get_rule(self.rule)

    @property
    def couplings(self) -> np.ndarray | None:
        """The pairwise couplings C (N, N), read-only, with W = scale · C; None for dense and modern memories."""
        return self.memory.couplings

    @property
    def scale(self) -> float:
        """The scale s of W = s · C (1.0 for memories without a matrix)."""
        return self.memory.scale

    @property
    def n(self) -> int:
        """Number of neurons N."""
        return self.patterns.shape[1]

    @property
    def memorised(self) -> int:
        """Number of stored patterns P."""
        return self.patterns.shape[0]

    @property
    def capacity(self) -> float:
        """Theoretical capacity P_max of the rule at this N (nan for a network built from weights)."""
        return math.nan if self.spec is None else self.spec.capacity(self.n, **self.params)

    @property
    def load(self) -> float:
        """P / P_max (nan without a closed-form capacity, inf where the capacity is 0)."""
        capacity = self.capacity
        return self.memorised / capacity if capacity else math.inf

    @property
    def modes(self) -> tuple[str, ...]:
        """The recall modes this memory supports: its rule's (`Rule.modes`), or for a network built from weights
        every mode that runs a pairwise memory (`DYNAMICS`)."""
        return modes_running(self.memory.kind) if self.spec is None else self.spec.modes

    @cached_property
    def weights(self) -> np.ndarray:
        """W = scale · C, (N, N) float64, read-only; for dense and modern memories (no pairwise W),
        the Hebbian W = (1/N) Σ_μ ξ^μ ξ^μᵀ of the same patterns, for display."""
        if self.couplings is None:
            check_memory(self.n)
            if (
                self.real_valued
            ):  # real patterns: float64 throughout (hebbian's float32 is exact for ±1 only)
                real = self.patterns.astype(np.float64)
                weights = real.T @ real / self.n
                np.fill_diagonal(weights, 0)
                return _readonly(weights)
            couplings, scale = hebbian(self.patterns)
            return _readonly(couplings.astype(np.float64) * scale)
        return _readonly(self.couplings.astype(np.float64) * self.scale)

    def recall(
        self,
        probes: object,
        mode: str = "sync",
        max_steps: int = 100,
        temperature: float = 0.0,
        seed: int | np.random.Generator | None = None,
        record: bool | str = False,
        clamp: object | None = None,
    ) -> RecallResult:
        """Run the dynamics from `probes` ((N,) or (B, N)); always returns a batch (B = 1 for one probe).

        mode: "sync", "async" or "stochastic" (what the rule supports: see `modes`), run by the mode's update
        for this memory's kind (`DYNAMICS[mode].updates`);
        max_steps: steps (sync) or sweeps (async, stochastic); temperature T >= 0 for
        stochastic Glauber dynamics; record=True keeps the trajectory and energy per step,
        record="flips" (async) one frame per flip. clamp: True/False per neuron, (N,) for every probe
        or (B, N): the True neurons are held at the probe's values and never updated, in every mode
        (clamped completion: the known pixels stay, only the unknown ones move); "converged" then asks
        only the free neurons.
        """
        states = (
            real_states(probes, self.n)
            if self.real_valued
            else as_states(probes, self.n, "probes")[0]
        )
        check_mode(mode, self.modes, self.rule)
        check_count(max_steps, "max_steps", minimum=0)
        temperature = check_real(temperature, "temperature")
        if not (
            record is False or record is True or (isinstance(record, str) and record == "flips")
        ):
            raise ValueError(f"record must be False, True or 'flips', got {record!r}.")
        if record == "flips" and mode != "async":
            raise ValueError("record='flips' is only available for async recall.")
        held = None if clamp is None else _check_clamp(clamp, states.shape)
        return DYNAMICS[mode].recall(
            self.memory, states, max_steps, temperature, seed, record, held
        )  # mode checked

    def energy(self, states: object) -> np.ndarray:
        """Energy of each state ((N,) or (B, N)) under this memory's energy function, float64 (B,)."""
        batch = (
            real_states(states, self.n, "states")
            if self.real_valued
            else as_states(states, self.n)[0]
        )
        return self.memory.energy(batch)

    def attention(self, probes: object) -> np.ndarray:
        """The softmax weights softmax(β Xξ / N) (B, P) of each probe ((N,) or (B, N)) over the stored
        patterns: which memories a state draws on (rows sum to 1). Modern memories only."""
        attend = getattr(self.memory, "attention", None)
        if attend is None:
            raise ValueError(
                f"Attention weights belong to modern memories; the {self.rule} rule has none."
            )
        batch = (
            real_states(probes, self.n)
            if self.real_valued
            else as_states(probes, self.n, "probes")[0]
        )
        return attend(batch)

    def save(self, path: str | os.PathLike | io.IOBase) -> None:
        """Write the network to a .npz file (no pickled objects), readable by `hopfield.load`."""
        arrays: dict[str, np.ndarray] = {
            "format": np.array(_FILE_FORMAT),
            "rule": np.array(self.rule),
            "params": np.array(json.dumps(dict(self.params))),
            "patterns": self.patterns,
            "scale": np.array(self.scale),
        }
        if self.couplings is not None:
            arrays["couplings"] = self.couplings
        if self.values is not None:
            arrays["values"] = self.values
        if self.strengths is not None:
            arrays["strengths"] = self.strengths
        if isinstance(path, (str, os.PathLike)):  # numpy would append ".npz" to a bare path
            with open(path, "wb") as file:
                np.savez_compressed(file, **arrays)
        else:
            np.savez_compressed(path, **arrays)


def _check_clamp(clamp: object, shape: tuple[int, int]) -> np.ndarray:
    """The clamp as a (B, N) bool array (one (N,) mask shared by every probe), or ValueError with a sentence."""
    mask = np.asarray(clamp)
    if mask.dtype != bool and not (mask.dtype.kind in "iuf" and np.isin(mask, (0, 1)).all()):
        raise ValueError(
            "clamp must be True/False for each neuron (True: held at the probe's value)."
        )
    b, n = shape
    if mask.shape not in ((n,), (b, n)):
        raise ValueError(
            f"clamp must have shape ({n},) or ({b}, {n}), one True/False per neuron, got {mask.shape}."
        )
    return np.broadcast_to(mask.astype(bool), shape)


def _custom(couplings: np.ndarray, scale: float, patterns: np.ndarray) -> HopfieldNetwork:
    """A network of the given read-only couplings C and scale (W = scale·C), holding `patterns` (possibly none)."""
    memory = PairwiseMemory(
        _readonly(couplings), float(scale)
    )  # read-only again after a trip through pickle
    return HopfieldNetwork(
        _readonly(np.array(patterns, np.int8)), "custom", MappingProxyType({}), memory
    )


def _retrain(
    patterns: np.ndarray,
    rule: str,
    memory_budget: int,
    strengths: np.ndarray | None,
    values: np.ndarray | None,
    params: dict,
) -> HopfieldNetwork:
    return HopfieldNetwork.train(
        patterns, rule, memory_budget, strengths=strengths, values=values, **params
    )


def load(
    source: str | os.PathLike | io.IOBase | bytes, memory_budget: int | None = None
) -> HopfieldNetwork:
    """Read a network written by `HopfieldNetwork.save` (a path, a file object or the file's bytes).

    Raises ValueError with a plain sentence for a file that is not such a network.
    """
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    try:
        with np.load(source, allow_pickle=False) as archive:
            contents = {name: archive[name] for name in archive.files}
    except Exception as error:  # zip, pickle and header errors all mean "not our file"
        raise ValueError(
            f"This is not a readable .npz network file ({type(error).__name__})."
        ) from None
    try:
        if str(contents["format"]) != _FILE_FORMAT:
            raise ValueError
        rule = str(contents["rule"])
        params = json.loads(str(contents["params"]))
        patterns = contents["patterns"]
        scale = float(contents["scale"])
    except Exception:
        raise ValueError(
            "This .npz file is not a Hopfield Lab network (missing or malformed fields)."
        ) from None
    if not isinstance(params, dict):
        raise ValueError("This .npz file is not a Hopfield Lab network (malformed parameters).")
    try:
        return _rebuild(contents, rule, params, patterns, scale, memory_budget)
    except ValueError:
        raise
    except Exception as error:  # e.g. text weights (TypeError), a parameter named like an argument
        raise ValueError(
            f"This .npz file is not a Hopfield Lab network ({type(error).__name__})."
        ) from None


def _rebuild(contents, rule, params, patterns, scale, memory_budget) -> HopfieldNetwork:
    """The network a file describes, retrained from its patterns and checked against its weights."""
    if rule == "custom":
        if "couplings" not in contents:
            raise ValueError("This network file has no weight matrix.")
        return HopfieldNetwork.from_weights(contents["couplings"] * scale, memory_budget)
    network = HopfieldNetwork.train(
        patterns,
        rule,
        memory_budget,
        strengths=contents.get("strengths"),
        values=contents.get("values"),
        **params,
    )
    if network.couplings is not None:
        stored = contents.get("couplings")
        if (
            stored is None
            or stored.shape != network.couplings.shape
            or not np.allclose(stored, network.couplings)
        ):
            raise ValueError(
                "This network file's weights do not match its stored patterns: the file was altered."
            )
    return network
