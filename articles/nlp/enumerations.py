"""States a story lists in parentheses after a plural noun for them.

«لم يحدد موعد لاجتماع جديد للدول الـ12 (الولايات المتحدة والبيرو وتشيلي …)»:
the list spells out one group, and the story names each member once, in the
list, far from any move word. The role model sees a few of them bound to
the talks (the host, the one quoted) and the rest as bystanders; the list
says they are one group, so the role the text gives any of them is the
group's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache

from articles.nlp import vocab
from articles.nlp.actors import Ref

# Characters between the group noun and the opening parenthesis («الدول الـ12 »).
_NOUN_REACH = 14
# Characters read before the parenthesis: the longest noun and that gap.
_LEAD = _NOUN_REACH + 20
# The longest list read (characters inside the parentheses).
_LIST_REACH = 400
# Fewer members than this is a pair or an aside, not a spelled-out group.
MIN_MEMBERS = 3
# Members the role model must already call sides for the list to be the group at the table.
MIN_SIDES = 2
_STATE = re.compile(r"[A-Z]{3}")


@cache
def _noun_re() -> re.Pattern[str]:
    nouns = sorted(vocab.terms("group_nouns"), key=len, reverse=True)
    return re.compile(r"(?:^|(?<=[\s(]))(?:" + "|".join(map(re.escape, nouns)) + r")\b")


def groups(norm: str, refs: Sequence[Ref], talk_at: Callable[[int], bool]) -> list[frozenset[str]]:
    """The states of each list in parentheses that follows a group noun, in a
    sentence on talks (``talk_at``: whether the sentence at an offset holds
    talk words): a list in a sentence on something else is no group at the
    table."""
    if "(" not in norm:
        return []
    found = []
    pattern = _noun_re()
    for opened in re.finditer(r"\(", norm):
        start = opened.end()
        close = norm.find(")", start, start + _LIST_REACH)
        if close < 0 or not talk_at(opened.start()):
            continue
        lead = norm[max(0, opened.start() - _LEAD) : opened.start()]
        if not any(len(lead) - m.end() <= _NOUN_REACH for m in pattern.finditer(lead)):
            continue
        members = frozenset(
            r.actor for r in refs if start <= r.start < close and _STATE.fullmatch(r.actor)
        )
        if len(members) >= MIN_MEMBERS:
            found.append(members)
    return found


def share_roles(
    groups_found: Iterable[frozenset[str]],
    parties: Mapping[str, float],
    mediators: Mapping[str, float],
) -> dict[str, float]:
    """Parties widened to every member of a listed group two of whose members
    are sides and none a mediator (one side in a list is the list's subject
    matter: «بلدان PIIGS (البرتغال … واليونان …)» in a story on Greece's
    talks); each newcomer takes the lowest confidence of the group's sides."""
    out = dict(parties)
    for members in groups_found:
        sides = [parties[a] for a in members if a in parties]
        if len(sides) < MIN_SIDES or any(a in mediators for a in members):
            continue
        for actor in members:
            out.setdefault(actor, min(sides))
    return out
