"""The registry of learning rules: `RULES`, every rule by name, complete on import.

The built-in rules are written in `pairwise`, `dense_modern` and `online`; `RULES` lists them in
that order. Adding a rule is one function (`train` or `memory`) and one entry in one of those
tuples, or a call to `register_rule` from outside the package.
"""

from __future__ import annotations

from .dense_modern import DENSE_MODERN_RULES
from .online import ONLINE_RULES
from .pairwise import PAIRWISE_RULES
from .spec import Rule

__all__ = ["RULES", "get_rule", "register_rule", "unregister_rule", "rules_allowing", "rule_titles"]

RULES: dict[str, Rule] = {
    rule.name: rule for rule in (*PAIRWISE_RULES, *DENSE_MODERN_RULES, *ONLINE_RULES)
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


def rule_titles() -> dict[str, str]:
    """Every registered rule's title by name, in registry order (a rule registered later is there too)."""
    return {name: rule.title for name, rule in RULES.items()}
