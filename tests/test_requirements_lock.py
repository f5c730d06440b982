"""requirements.lock, which `make venv` installs by, so CI, developers and a council's server get
the same versions: it pins exactly the packages the requirements files need, each at a version
their lower bounds admit. A requirement added, dropped or raised without regenerating the lock
fails here (its header says how), not on someone's server."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
EVERYTHING = ROOT / "requirements-dev.txt"  # the app, the optional charts and the tests


def requirements(path: Path) -> list[Requirement]:
    """What a requirements file names, following its `-r` includes."""
    named = []
    for line in path.read_text().splitlines():
        line = line.partition("#")[0].strip()
        if line.startswith("-r "):
            named += requirements(path.parent / line.removeprefix("-r ").strip())
        elif line:
            named.append(Requirement(line))
    return named


def pins() -> dict[str, Version]:
    lines = [line for line in LOCK.read_text().splitlines() if line and not line.startswith("#")]
    pairs = [line.split("==") for line in lines]
    return {canonicalize_name(name): Version(version) for name, version in pairs}


def test_the_lock_pins_every_requirement_at_a_version_its_lower_bound_admits():
    locked = pins()
    for requirement in requirements(EVERYTHING):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: regenerate it"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock has {name} {locked[name]}, outside {requirement}: regenerate it"
        )


def needed() -> set[str]:
    """Every package the requirements bring in on this machine: each requirement and, through
    the installed packages' own metadata, what it depends on, with the extras asked for."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = requirements(EVERYTHING)
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, frozenset(requirement.extras)) in seen:
            continue
        seen.add((name, frozenset(requirement.extras)))
        for line in metadata.requires(name) or ():
            dependency = Requirement(line)
            extras = requirement.extras or {""}
            marker = dependency.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(dependency)
    return {name for name, _extras in seen}


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the lock is made on Python 3.11")
def test_the_lock_holds_exactly_what_the_requirements_bring_in():
    """None missing (pip would take any version of it) and none left over from a requirement
    since dropped (every install would still carry it)."""
    locked, brought = set(pins()), needed()
    assert not brought - locked, "not in requirements.lock: regenerate it"
    assert not locked - brought, "in requirements.lock but needed by nothing: regenerate it"
