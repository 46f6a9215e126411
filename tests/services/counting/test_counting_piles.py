"""The counter's two Piles, the C build and piles.py, give the same count to the last figure.

Every ERS97 and Scottish count the C build can hold is counted with it (see
``app/services/counting/fast.py``); the plain Python is the reference and runs
where there is no compiler. Here both count the conformance cases (``../shared``)
and many made-up elections, and every stage, note and tie-break must agree.
"""

from __future__ import annotations

import os
import shutil
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.counting import Election, Result, count, fast, read_blt
from app.services.counting import piles as python_piles

REPO = Path(__file__).resolve().parents[3]
CASES = REPO.parent / "shared" / "conformance" / "elections"
HAVE_COMPILER = shutil.which((sysconfig.get_config_var("CC") or "cc").split()[0]) is not None
HAVE_HEADERS = (Path(sysconfig.get_paths()["include"]) / "Python.h").exists()

needs_build = pytest.mark.skipif(
    fast.BUILD is None, reason="the C piles are not built here (no compiler): Python counts alone"
)


@contextmanager
def python_only() -> Iterator[None]:
    """Count with piles.py alone, as on a machine with no compiler."""
    saved, fast.BUILD = fast.BUILD, None
    try:
        yield
    finally:
        fast.BUILD = saved


def _both(election: Election, method: str, seed: int = 7) -> tuple[Result, Result]:
    built = count(election, method, seed=seed)
    with python_only():
        reference = count(election, method, seed=seed)
    return built, reference


@pytest.mark.skipif(
    not (HAVE_COMPILER and HAVE_HEADERS) or bool(os.environ.get("MUTUALDESK_PURE_PYTHON")),
    reason="no C compiler or Python headers here: the counter runs in plain Python",
)
def test_the_c_piles_are_built_and_current_where_a_compiler_is() -> None:
    # `make` builds them; a stale or missing build here means counts run slowly unseen.
    """Where there is a C compiler, the fast C piles are built, current and used."""
    assert fast.BUILD is not None, "run `make` (scripts/build_cpiles.py) to build the C piles"
    assert isinstance(fast.Piles(Election(("A", "B"), 1, ((1, (0,)),)), 100), fast.BUILD.Piles)


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.blt")) if CASES.is_dir() else []


@needs_build
@pytest.mark.skipif(not CASES.is_dir(), reason=f"conformance data not found at {CASES}")
@pytest.mark.parametrize("method", ["ers97", "scottish"])
def test_every_conformance_case_counts_the_same_in_c_and_python(method: str) -> None:
    """The C and Python piles agree at every stage of every conformance case."""
    counted = 0
    for path in _cases():
        election = read_blt(path)
        if len(election.candidates) - len(election.withdrawn) < election.seats:
            continue
        built, reference = _both(election, method)
        assert built == reference, f"{path.name}: the C piles differ from piles.py"
        counted += 1
    assert counted > 20


@st.composite
def elections(draw: st.DrawFn) -> Election:
    n = draw(st.integers(2, 9))
    seats = draw(st.integers(1, n - 1))
    withdrawn = frozenset(draw(st.sets(st.integers(0, n - 1), max_size=n - seats)))
    ranking = st.permutations(range(n)).flatmap(lambda p: st.integers(0, n).map(lambda k: p[:k]))
    ballots = draw(st.lists(st.tuples(st.integers(1, 4), ranking), min_size=1, max_size=60))
    names = tuple(f"C{i}" for i in range(n))
    return Election(names, seats, tuple((w, tuple(r)) for w, r in ballots), withdrawn=withdrawn)


@needs_build
@settings(max_examples=300, deadline=None)
@given(election=elections(), method=st.sampled_from(["ers97", "scottish"]))
def test_made_up_elections_count_the_same_in_c_and_python(election: Election, method: str) -> None:
    """The C and Python piles count made-up elections alike, or refuse them alike."""
    try:
        built, reference = _both(election, method)
    except Exception as error:  # the same refusal from both (e.g. no valid papers)
        with pytest.raises(type(error), match=str(error)), python_only():
            count(election, method, seed=7)
        return
    assert built == reference


@needs_build
def test_figures_too_big_for_64_bits_are_counted_in_python_exactly() -> None:
    """A count whose figures would pass 64 bits is done in Python, exactly."""
    huge = 2**61
    election = Election(("A", "B", "C"), 1, ((huge, (0, 1)), (huge + 1, (1,)), (3, (2, 0))))
    assert isinstance(fast.Piles(election, 100_000), python_piles.Piles)
    result = count(election, "scottish", seed=1)
    assert result.valid_papers == 2 * huge + 4
    assert result.elected == ["A"]  # C's 3 papers go on to A once C is excluded


@needs_build
def test_a_build_from_other_source_text_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited C source not yet built is never run; a bundle uses its build."""
    edited = tmp_path / "_cpiles.c"
    edited.write_text(fast.SOURCE.read_text() + "\n/* an edit not yet built */\n")
    monkeypatch.setattr(fast, "SOURCE", edited)
    assert fast._current_build() is None
    monkeypatch.setattr(fast, "SOURCE", tmp_path / "absent.c")  # a bundle: no source beside it
    assert fast._current_build() is not None


@needs_build
def test_the_c_piles_refuse_parcels_that_do_not_exist() -> None:
    """The C piles refuse parcels that do not exist rather than read past them."""
    piles = fast.Piles(Election(("A", "B"), 1, ((1, (0, 1)), (2, (1,)))), 100)
    assert piles.tally([(0, 0, 1)]) == [(1, 100)]
    for bad in ([(2, 0, 0)], [(0, 0, 5)], [(0, 1, 0)], [(-1, 0, 0)]):
        with pytest.raises(IndexError):
            piles.tally(bad)
    with pytest.raises(ValueError):
        piles.forward([(0, 0, 1)], [True])  # not a verdict for every candidate
    assert piles.valid == 3 and piles.first_votes == [100, 200]


@pytest.mark.parametrize("c_piles", [True, False], ids=["c", "python"])
@pytest.mark.parametrize(
    "ballots",
    [((5, (-1,)), (3, (0,))), ((5, (3,)), (3, (0,))), ((-2, (0,)), (3, (1,)))],
    ids=["preference -1", "preference past the last", "weight below 0"],
)
def test_ballots_made_in_code_with_impossible_figures_are_refused(
    c_piles: bool, ballots: tuple[tuple[int, tuple[int, ...]], ...]
) -> None:
    # The .blt reader refuses these with a line number; ballots built in code must not be
    # counted as something else (a preference of -1 read as the last candidate).
    """Ballots naming no such candidate, or weighing below 0, are refused."""
    if c_piles and fast.BUILD is None:
        pytest.skip("the C piles are not built here")
    with nullcontext() if c_piles else python_only():
        for method in ("ers97", "scottish", "meek", "plurality"):
            with pytest.raises(ValueError, match=r"below 0|no such candidate"):
                count(Election(("A", "B", "C"), 1, ballots), method, seed=1)


@needs_build
def test_the_c_piles_read_parcels_and_pairs_given_as_lists() -> None:
    """The C piles take parcels and value pairs given as lists as well as tuples."""
    piles = fast.Piles(Election(("A", "B"), 1, ((1, [0, 1]), [2, (1,)])), 100)  # type: ignore[arg-type]
    lost, received = piles.forward([[0, 0, 1]], [False, True], None, [[100, 40], [100, 50]])
    assert (lost, received) == (0, [(1, 1, 2, 1, 50)])  # the last pair for a value, as dict()
    with pytest.raises(OverflowError):
        piles.revalue(1, 0, 2, 101)  # values only ever fall
