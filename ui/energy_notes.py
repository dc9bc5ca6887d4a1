"""What a learning rule's energies are, in one sentence for a caption (the rule registry has no such field yet)."""

from __future__ import annotations

import hopfield

# by rule name, else by the rule's kind ("pairwise", "dense", "modern")
ENERGY_NOTES = {
    "pairwise": "Energies are $E = -\\tfrac12\\, s^\\top W s$.",
    "dense": "Energies are the dense memory's $E = -\\sum_\\mu (\\xi^\\mu\\cdot s)^n$.",
    "dense-exp": "Energies are $-\\ln\\sum_\\mu e^{\\xi^\\mu\\cdot s}$, the logarithm of the exponential "
                 "energy's size.",
    "modern": "Energies are the modern network's $E = -\\mathrm{lse}(\\beta, \\Xi\\xi) + \\tfrac12\\xi^\\top\\xi + "
              "\\ldots$, of its real-valued states along the recall.",
}


def energy_note(rule: hopfield.Rule) -> str:
    """The sentence for `rule` (by its name, else its kind; "" for a kind without one)."""
    return ENERGY_NOTES.get(rule.name, ENERGY_NOTES.get(rule.kind, ""))
