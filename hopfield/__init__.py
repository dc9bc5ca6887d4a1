"""Hopfield Lab's engine: classic Hopfield networks and their modern successors, in numpy.

>>> import hopfield
>>> digits = hopfield.load_set("digits")
>>> net = hopfield.HopfieldNetwork.train(digits.patterns[:3], rule="storkey")
>>> noisy = hopfield.corrupt(digits.patterns[1], "flip-count", 5, seed=0)
>>> result = net.recall(noisy, mode="async", seed=0)
>>> bool((result.states[0] == digits.patterns[1]).all())
True
"""

from . import analysis, linkcode, modern, strengths
from . import corrupt as noise
from .corrupt import NOISE_KINDS, PROBE_KINDS, corrupt, real_probe
from .datasets import GRAY_SET_NAMES, SET_NAMES, GraySet, PatternSet, load_gray_set, load_set
from .dynamics import DYNAMICS, MODES, Mode, register_mode, unregister_mode
from .imaging import image_to_pattern, pattern_to_image
from .network import MEMORY_BUDGET, HopfieldNetwork, load
from .patterns import as_patterns, as_states, random_patterns, standardise, to_binary
from .results import RecallResult
from .rules import RULES, ParamSpec, Rule, get_rule, register_rule, unregister_rule
from .sequences import SEQUENCE_RULES, SequenceMemory
from .text import text_patterns

__all__ = [
    "HopfieldNetwork",
    "load",
    "RecallResult",
    "RULES",
    "Rule",
    "get_rule",
    "ParamSpec",
    "register_rule",
    "unregister_rule",
    "MODES",
    "DYNAMICS",
    "Mode",
    "register_mode",
    "unregister_mode",
    "MEMORY_BUDGET",
    "PatternSet",
    "SET_NAMES",
    "load_set",
    "random_patterns",
    "as_patterns",
    "as_states",
    "to_binary",
    "corrupt",
    "NOISE_KINDS",
    "noise",
    "image_to_pattern",
    "pattern_to_image",
    "analysis",
    "modern",
    "GraySet",
    "GRAY_SET_NAMES",
    "load_gray_set",
    "standardise",
    "real_probe",
    "PROBE_KINDS",
    "strengths",
    "linkcode",
    "text_patterns",
    "SequenceMemory",
    "SEQUENCE_RULES",
]
