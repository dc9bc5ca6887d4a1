"""The (T, α) phase diagram: Glauber dynamics against a plain per-neuron loop, its limits, the executor
giving the serial numbers, and the AGS boundary."""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from hopfield import analysis
from hopfield.analysis._parallel import spawn_seeds
from hopfield.analysis.phase import ags_boundary, glauber_column, phase_diagram


def reference_column(n, p, temperatures, trials, sweeps, seed):
    """The same draws as `glauber_column`, one neuron of one run at a time."""
    rng = np.random.default_rng(seed)
    xi = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
    w = np.zeros((trials, n, n))
    for t in range(trials):
        for mu in range(p):
            w[t] += np.outer(xi[t, mu], xi[t, mu]) / n
        np.fill_diagonal(w[t], 0)
    s = np.array([xi.astype(float) for _ in temperatures])
    for _ in range(sweeps):
        order = rng.permutation(n)
        draws = rng.random(s.shape)
        for i in order:
            for a, temperature in enumerate(temperatures):
                for t in range(trials):
                    for b in range(p):
                        h = sum(w[t, i, j] * s[a, t, b, j] for j in range(n))
                        if temperature == 0 and h == 0:
                            continue  # a tie keeps s_i at T = 0; at T > 0 Glauber picks ±1 with probability ½
                        if temperature == 0:
                            s[a, t, b, i] = 1.0 if h > 0 else -1.0
                        else:
                            up = draws[a, t, b, i] < 1 / (1 + np.exp(-2 * h / temperature))
                            s[a, t, b, i] = 1.0 if up else -1.0
    m = np.array(
        [
            [[s[a, t, b] @ xi[t, b] / n for b in range(p)] for t in range(trials)]
            for a in range(len(temperatures))
        ]
    )
    return m.mean(axis=(1, 2)), (m > 0.5).mean(axis=(1, 2))


@pytest.mark.parametrize(
    "p", [3, 2, 4]
)  # with 2 or 4 patterns of 16 neurons a field can be exactly zero
def test_glauber_column_matches_a_plain_loop(p):
    temperatures = np.array([0.0, 0.4, 1.5])
    seed = spawn_seeds(3, 1)[0]
    ours = glauber_column(16, p, temperatures, 2, 4, seed)
    theirs = reference_column(16, p, temperatures, 2, 4, seed)
    # fields are multiples of 1/16 (exact); 1/(1+e^(-2h/T)) and ½(1+tanh(h/T)) agree to rounding only,
    # so a draw within 1e-15 of the threshold could differ: not with these seeds.
    np.testing.assert_allclose(ours[0], theirs[0], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(ours[1], theirs[1])


def test_phase_diagram_shape_and_limits():
    found = analysis.phase_diagram(200, [0.0, 0.3, 2.0], [0.01, 0.05, 0.3], trials=2, seed=0)
    assert found.overlap.shape == found.retrieved.shape == (3, 3)
    assert found.patterns.tolist() == [2, 10, 60]
    assert (
        found.overlap[0, 0] == 1.0 and found.overlap[0, 1] == 1.0
    )  # cold and lightly loaded: perfect recall
    assert found.overlap[1, 0] > 0.9
    assert abs(found.overlap[2]).max() < 0.2  # hot: no retrieval (T > T_c = 1)
    assert found.retrieved[2].max() == 0.0
    assert found.overlap[0, 2] < 0.5  # α = 0.3, past α_c ≈ 0.138: the pattern is lost even at T = 0
    assert not found.overlap.flags.writeable


def test_phase_diagram_is_seeded_and_the_executor_gives_the_serial_numbers():
    args = (64, [0.0, 0.5, 1.0], [0.05, 0.1, 0.15, 0.2, 0.3])
    serial = phase_diagram(*args, trials=2, seed=5, sweeps=5)
    again = phase_diagram(*args, trials=2, seed=5, sweeps=5)
    np.testing.assert_array_equal(serial.overlap, again.overlap)
    with ProcessPoolExecutor(2) as pool:
        fanned = phase_diagram(*args, trials=2, seed=5, sweeps=5, executor=pool)
    np.testing.assert_array_equal(fanned.overlap, serial.overlap)
    np.testing.assert_array_equal(fanned.retrieved, serial.retrieved)
    other = phase_diagram(*args, trials=2, seed=6, sweeps=5)
    assert not np.array_equal(other.overlap, serial.overlap)


def test_phase_diagram_reports_progress():
    seen = []
    phase_diagram(
        32, [0.0, 1.0], [0.05, 0.1, 0.2], trials=1, seed=0, sweeps=2, progress=seen.append
    )
    assert seen == pytest.approx([1 / 3, 2 / 3, 1.0])


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"n": 1}, "n must be at least 2"),
        ({"temperatures": []}, "temperatures must be"),
        ({"loads": [0.1, -1]}, "loads must be"),
        ({"temperatures": [np.nan]}, "temperatures must be"),
        ({"trials": 0}, "trials must be at least 1"),
        ({"loads": list(np.linspace(0.01, 1, 1001))}, "too large"),
        ({"executor": "pool"}, "executor must be"),
    ],
)
def test_bad_arguments_are_refused_in_a_sentence(kwargs, words):
    args = {"n": 16, "temperatures": [0.0, 0.5], "loads": [0.1], "trials": 1, "sweeps": 1, **kwargs}
    with pytest.raises(ValueError, match=words):
        phase_diagram(**args)


def test_ags_boundary_limits():
    temperatures = [0.0, 0.05, 0.3, 0.5, 0.7, 0.9, 0.95, 1.0, 1.5]
    alpha = ags_boundary(temperatures)
    assert alpha[0] == pytest.approx(0.138, abs=0.001)  # α_c at T = 0 (AGS 1985)
    assert alpha[1] == pytest.approx(alpha[0], abs=0.002)  # continuous at T → 0
    assert (np.diff(alpha[:-1]) <= 0).all()  # falls with T
    assert alpha[-2] == alpha[-1] == 0.0  # T >= T_c = 1: no retrieval at any load
    # near T_c: T_M ≈ 1 − 1.95 √α (AGS 1987), i.e. α ≈ ((1 − T)/1.95)²
    for temperature, value in zip(temperatures[4:7], alpha[4:7]):
        assert value == pytest.approx(((1 - temperature) / 1.95) ** 2, rel=0.1)
    # AGS 1987 (fig. of T_M(α)): the retrieval line passes near T = 0.55 at α = 0.05
    assert ags_boundary([0.5])[0] > 0.05 > ags_boundary([0.6])[0]
