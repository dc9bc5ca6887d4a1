"""Learning rules: one registry holding everything about each rule.

- `spec`:         `Rule` and `ParamSpec`, what a rule is (every default written once, in its spec);
- `pairwise`:     Hebbian, Storkey and the pseudo-inverse (weights W = s·C), and the exact grid `on_grid`;
- `dense_modern`: the dense (Krotov & Hopfield 2016) and modern (Ramsauer et al. 2020) rules;
- `online`:       palimpsest (Parisi 1986) and unlearning (Hopfield, Feinstein & Palmer 1983);
- `registry`:     `RULES`, all of them, and `get_rule`, `register_rule`, `unregister_rule`.
"""

from .online import (
    dream_epsilon,
    dream_grid,
    dreaming_words,
    palimpsest,
    palimpsest_window,
    unlearning,
)
from .pairwise import (
    exact_dtype,
    hebbian,
    on_grid,
    projector_factor_by_gram,
    pseudoinverse,
    stacked_couplings,
    storkey,
)
from .registry import RULES, get_rule, register_rule, rule_titles, rules_allowing, unregister_rule
from .spec import Couplings, Memory, ParamSpec, Rule, no_closed_form

__all__ = [
    "ParamSpec",
    "Rule",
    "Memory",
    "Couplings",
    "RULES",
    "get_rule",
    "register_rule",
    "unregister_rule",
    "rules_allowing",
    "rule_titles",
    "hebbian",
    "storkey",
    "pseudoinverse",
    "projector_factor_by_gram",
    "stacked_couplings",
    "exact_dtype",
    "on_grid",
    "palimpsest",
    "unlearning",
    "dream_grid",
    "dream_epsilon",
    "dreaming_words",
    "palimpsest_window",
    "no_closed_form",
]
