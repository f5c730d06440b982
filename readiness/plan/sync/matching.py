"""Matching a re-imported plan file to the stored plan, so each action keeps its identity.

* recommendations match by their text (compared by readiness.text.loose_words), else by ref: a
  council's own plan table numbers Ofsted's recommendations its own way ("R1" for a draft's
  "REC 1");
* themes match, within a ref, by their text with case, spaces, punctuation and bullets ignored,
  else by similarity (difflib ratio >= 0.85);
* actions match, within a ref, by that normalised text (an action may move between the ref's
  themes), and the rest, within the same theme, by similarity >= 0.85.

Retired parts take part (a part the file brings back keeps its history), live ones preferred.
Pure: no database, no words for people.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from readiness.plan.input import PlanInput
from readiness.plan.records import ActionRecord, PlanData, RecommendationRecord, ThemeRecord
from readiness.text import loose_words

SIMILAR = 0.85  # difflib ratio at or above which two texts are the same item reworded

Where = tuple[int, int]  # (recommendation index, theme index) in the file
At = tuple[int, int, int]  # (recommendation index, theme index, action index) in the file


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised texts (1.0 = the same)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0  # cheap upper bounds already below the bar
    return matcher.ratio()


def _best_pairs(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one pairing of (score, incoming, stored) candidates."""
    used_in: set[int] = set()
    used_st: set[int] = set()
    pairs = []
    for _, i, s in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_in and s not in used_st:
            used_in.add(i)
            used_st.add(s)
            pairs.append((i, s))
    return pairs


def _live_first(score: float, part) -> float:
    """A tiny bonus so that, between equally good matches, a live part wins over a retired one."""
    return score + (0.0 if part.retired_on else 1e-9)


@dataclass
class Match:
    """The stored part each part of the file matched, by its place in the file."""

    recs: dict[int, RecommendationRecord] = field(default_factory=dict)
    themes: dict[Where, ThemeRecord] = field(default_factory=dict)
    actions: dict[At, ActionRecord] = field(default_factory=dict)
    exact: int = 0  # actions matched word for word (after normalising)


def match_plan(stored: PlanData, plan: PlanInput) -> Match:
    """Pair the file's recommendations, themes and actions with the stored plan's (loaded with
    its retired parts)."""
    rec_of_theme = {t.id: t.recommendation_id for t in stored.themes}
    themes_by_rec: dict[int, list[ThemeRecord]] = defaultdict(list)
    for t in stored.themes:
        themes_by_rec[t.recommendation_id].append(t)
    actions_by_rec: dict[int, list[ActionRecord]] = defaultdict(list)
    for a in stored.actions:
        actions_by_rec[rec_of_theme[a.theme_id]].append(a)
    norms = {("theme", t.id): loose_words(t.text) for t in stored.themes}
    norms |= {("action", a.id): loose_words(a.text) for a in stored.actions}
    match = Match()
    _match_recommendations(match, stored.recommendations, plan)
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = match.recs.get(r_i)
        if s_rec is None:
            continue
        _match_themes(match, r_i, rec.themes, themes_by_rec[s_rec.id], norms)
        _match_actions(match, r_i, rec.themes, actions_by_rec[s_rec.id], norms)
    return match


def _match_recommendations(
    match: Match, stored: list[RecommendationRecord], plan: PlanInput
) -> None:
    """Same normalised text (live preferred), then the same ref; one-to-one."""
    by_text: dict[str, list[RecommendationRecord]] = defaultdict(list)
    for r in sorted(stored, key=lambda r: r.retired_on is not None):
        if loose_words(r.text):
            by_text[loose_words(r.text)].append(r)
    taken: set[int] = set()
    for r_i, rec in enumerate(plan.recommendations):
        same = [r for r in by_text.get(loose_words(rec.text), []) if r.id not in taken]
        if same and loose_words(rec.text):
            match.recs[r_i] = same[0]
            taken.add(same[0].id)
    by_ref = {r.ref: r for r in stored}
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = by_ref.get(rec.ref)
        if r_i not in match.recs and s_rec is not None and s_rec.id not in taken:
            match.recs[r_i] = s_rec
            taken.add(s_rec.id)


def _match_themes(match: Match, r_i: int, themes, stored: list[ThemeRecord], norms) -> None:
    """Same normalised text, else similar text; one-to-one."""
    free = list(stored)
    for t_i, theme in enumerate(themes):
        norm = loose_words(theme.text)
        same = [t for t in free if norms["theme", t.id] == norm]
        if same:
            best = min(same, key=lambda t: t.retired_on is not None)
            match.themes[(r_i, t_i)] = best
            free.remove(best)
    left = [t_i for t_i in range(len(themes)) if (r_i, t_i) not in match.themes]
    candidates = [
        (_live_first(score, free[s]), t_i, s)
        for t_i in left
        for s in range(len(free))
        if (score := similarity(loose_words(themes[t_i].text), norms["theme", free[s].id]))
        >= SIMILAR
    ]
    for t_i, s in _best_pairs(candidates):
        match.themes[(r_i, t_i)] = free[s]


def _match_actions(match: Match, r_i: int, themes, stored: list[ActionRecord], norms) -> None:
    """Same normalised text anywhere in the ref (the same theme preferred), then similar text
    within the same theme."""
    by_norm: dict[str, list[ActionRecord]] = defaultdict(list)
    for a in stored:
        by_norm[norms["action", a.id]].append(a)
    unmatched: dict[int, list[tuple[At, str]]] = defaultdict(list)  # by file theme index
    # Stored actions of this ref can only be matched within it, so what is taken is local.
    taken: set[int] = set()
    for t_i, theme in enumerate(themes):
        for a_i, action in enumerate(theme.actions):
            at, norm = (r_i, t_i, a_i), loose_words(action.text)
            same = by_norm.get(norm)
            if not same:
                unmatched[t_i].append((at, norm))
                continue
            home = match.themes.get((r_i, t_i))
            best = min(
                same,
                key=lambda a, home=home: (
                    home is None or a.theme_id != home.id,
                    a.retired_on is not None,
                ),
            )
            same.remove(best)
            match.actions[at] = best
            match.exact += 1
            taken.add(best.id)
    for t_i, items in unmatched.items():
        home = match.themes.get((r_i, t_i))
        if home is None:
            continue
        pool = [a for a in stored if a.theme_id == home.id and a.id not in taken]
        candidates = [
            (_live_first(score, pool[s]), i, s)
            for i, (_, norm) in enumerate(items)
            for s in range(len(pool))
            if (score := similarity(norm, norms["action", pool[s].id])) >= SIMILAR
        ]
        for i, s in _best_pairs(candidates):
            match.actions[items[i][0]] = pool[s]
            taken.add(pool[s].id)
