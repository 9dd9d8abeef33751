"""The fold split every learned component shares."""

from articles.nlp.learn.folds import assign, split


def _rows() -> list[dict]:
    rows = [{"id": f"t{i}", "thread": f"th{i % 7}", "is_negotiation": True} for i in range(40)]
    rows += [{"id": f"n{i}", "thread": None, "is_negotiation": False} for i in range(60)]
    return rows


def test_a_thread_never_straddles_two_folds():
    folds = assign(_rows())
    for thread in {r["thread"] for r in _rows() if r["thread"]}:
        members = {folds[r["id"]] for r in _rows() if r["thread"] == thread}
        assert len(members) == 1, thread


def test_split_is_stable_and_fair():
    first, second = split(_rows()), split(list(reversed(_rows())))
    assert {k: sorted(v) for k, v in first.items()} == {k: sorted(v) for k, v in second.items()}
    sizes = [len([a for a in ids if a.startswith("n")]) for ids in first.values()]
    assert max(sizes) - min(sizes) <= 1


def test_a_salted_split_is_another_fair_split_by_thread():
    default, salted = assign(_rows()), assign(_rows(), salt="1")
    assert salted == assign(list(reversed(_rows())), salt="1")
    assert salted != default
    for thread in {r["thread"] for r in _rows() if r["thread"]}:
        assert len({salted[r["id"]] for r in _rows() if r["thread"] == thread}) == 1, thread
    sizes = [
        len([a for a in ids if a.startswith("n")]) for ids in split(_rows(), salt="1").values()
    ]
    assert max(sizes) - min(sizes) <= 1
