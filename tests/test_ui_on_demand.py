"""Which work waits for its button (ui/on_demand.py): the cost rules at their boundaries, worked by hand."""

from __future__ import annotations

from ui import on_demand


def test_dreaming_is_slow_past_its_budget_of_dreams_times_n_squared() -> None:
    assert on_demand.DREAM_BUDGET == 3.5e7
    assert not on_demand.dreaming_is_slow(
        100, {"dreams": 3500}
    )  # 3500 · 100² = 3.5e7: at the budget
    assert on_demand.dreaming_is_slow(100, {"dreams": 3501})
    assert not on_demand.dreaming_is_slow(90, {"dreams": 200})  # the seed digits
    assert on_demand.dreaming_is_slow(784, {"dreams": 200})  # MNIST: 1.2e8
    assert not on_demand.dreaming_is_slow(4096, {})  # no dreams, nothing to wait for


def test_training_is_slow_by_each_rules_measured_rate() -> None:
    # Storkey at 1.6e-9 s per P·N²: 500 · 4096² · 1.6e-9 = 13.4 s; 10 · 784² · 1.6e-9 = 0.01 s
    assert on_demand.training_is_slow("storkey", 500, 4096, {})
    assert not on_demand.training_is_slow("storkey", 10, 784, {})
    assert on_demand.training_is_slow("palimpsest", 100, 4096, {})  # 100 · 4096² · 1.1e-8 = 18 s
    assert not on_demand.training_is_slow(
        "hebbian", 500, 4096, {}
    )  # one matrix product: never waits
    assert on_demand.training_is_slow("unlearning", 10, 784, {"dreams": 1000})
    assert not on_demand.training_is_slow("unlearning", 10, 90, {"dreams": 1000})


def test_every_rule_is_slow_when_its_dreaming_is_or_past_a_batch_of_p_times_n() -> None:
    quick = {"hebbian": {}, "unlearning": {"dreams": 200}}
    assert not on_demand.every_rule_is_slow(10, 90, quick)
    assert on_demand.every_rule_is_slow(
        49, 4096, {"hebbian": {}}
    )  # 200,704 > BATCH_BUDGET = 200,000
    assert not on_demand.every_rule_is_slow(48, 4096, {"hebbian": {}})
    assert on_demand.every_rule_is_slow(10, 784, quick)
