"""The documentation stands alone: every link in the repository's Markdown resolves inside it,
no file cites a line of a source text or a document the repository does not hold, and
docs/architecture.md names every event type and every route the services have.

A link is a Markdown link (``[text](path)``, an image, a reference definition) or a repository
path in backticks (``services/payments/README.md``, ``tests/e2e/test_deploy.py::test_x``). Each
must name a file or directory inside the repository, relative to the file it is in (a backticked
path may also be relative to the repository root). Anchors are stripped; http(s) and mail
links are not checked. Fenced code blocks are code, not links, and are skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Directories that are not the project's own documents: environments, caches, run output.
EXCLUDED = {".git", ".venv", "venv", "node_modules", "var", "__pycache__", "build", "dist"}
KEPT_DOT_DIRS = {".ci", ".github"}

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^()<>\s]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE)
_CODE = re.compile(r"`([^`\n]+)`")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PATH = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+/?$")
#: A backticked path with one of these endings is a file link even if its first part is unknown.
_FILE_SUFFIXES = (".md", ".py", ".json", ".yaml", ".yml", ".toml", ".lock", ".txt", ".cfg", ".sh")


def _excluded(name: str) -> bool:
    return (
        name in EXCLUDED
        or name.endswith(".egg-info")
        or (name.startswith(".") and name not in KEPT_DOT_DIRS)
    )


def markdown_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not _excluded(d))
        found += [Path(directory, f) for f in sorted(files) if f.endswith(".md")]
    return found


def _inside(root: Path, path: str) -> bool:
    return path == str(root) or path.startswith(str(root) + os.sep)


def _problem(root: Path, base: Path, target: str) -> str | None:
    """Why ``target``, read from a file in ``base``, does not resolve inside ``root``."""
    if target.startswith("/"):
        base, target = root, target.lstrip("/")
    path = os.path.normpath(os.path.join(base, unquote(target)))
    if not _inside(root, path):
        return "leaves the repository"
    if not os.path.exists(path):
        return "does not exist"
    return None


def _prose(text: str) -> str:
    # Keep the line count, so that a problem names the right line.
    return _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def link_problems(root: Path, md: Path) -> Iterator[str]:
    text = _prose(md.read_text(encoding="utf-8"))
    where = md.relative_to(root)
    for match in [*_LINK.finditer(text), *_REFERENCE.finditer(text)]:
        target = match.group(1).split("#", 1)[0]
        if not target or _SCHEME.match(target):
            continue
        problem = _problem(root, md.parent, target)
        if problem:
            yield f"{where}:{_line(text, match.start())}: link {match.group(1)!r} {problem}"


def _candidate(root: Path, md: Path, token: str) -> str | None:
    """The repository path a backticked token names, or None if it is not one."""
    token = token.split("::", 1)[0]
    if not _PATH.match(token):
        return None
    parts = token.rstrip("/").split("/")
    if any(_excluded(part) for part in parts if part not in {".", ".."}):  # .venv/, a .env
        return None
    first = parts[0]
    if token.endswith(_FILE_SUFFIXES):
        return token
    if (root / first).exists() or (md.parent / first).exists():
        return token
    return None


def backticked_problems(root: Path, md: Path) -> Iterator[str]:
    text = _prose(md.read_text(encoding="utf-8"))
    where = md.relative_to(root)
    for match in _CODE.finditer(text):
        token = _candidate(root, md, match.group(1).strip())
        if token is None:
            continue
        problems = [_problem(root, base, token) for base in (md.parent, root)]
        if all(problems):
            problem = problems[1] if problems[0] == "does not exist" else problems[0]
            yield f"{where}:{_line(text, match.start())}: path `{match.group(1)}` {problem}"


def test_the_repository_has_its_documents() -> None:
    names = {p.relative_to(REPO).as_posix() for p in markdown_files(REPO)}
    assert {"README.md", "DEVELOPERS.md", "docs/architecture.md", "docs/domain.md"} <= names
    assert not [n for n in names if n.startswith((".venv/", "var/", "node_modules/"))]


def test_every_markdown_link_resolves_inside_the_repository() -> None:
    problems = [p for md in markdown_files(REPO) for p in link_problems(REPO, md)]
    assert not problems, "\n".join(problems)


def test_every_backticked_repository_path_exists() -> None:
    problems = [p for md in markdown_files(REPO) for p in backticked_problems(REPO, md)]
    assert not problems, "\n".join(problems)


def test_a_broken_or_escaping_link_is_reported_and_the_rest_are_not(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "money.py").write_text("")
    (tmp_path / "docs" / "a.md").write_text("# A\n")
    (tmp_path / "docs" / "b.md").write_text(
        "[fine](a.md#a) [up](../shared/money.py) [web](https://example.org/x.md) [self](#top)\n"
        "[gone](missing.md) ![img](../pics/x.png)\n"
        "[out](../../shared/docs/outside.md)\n"
        "[ref]: ./nowhere.md\n"
        "`shared/money.py` `shared/money.py::allocate` `text/csv` `/health/ready`\n"
        "`shared/monies.py` `docs/c.md` `.venv/bin/python` `deploy/.env`\n"
        "`../../shared/docs/beyond.md` `../shared/money.py`\n"
        "```\n[code](not-checked.md) `shared/nope.py`\n```\n"
    )
    links = list(link_problems(tmp_path, tmp_path / "docs" / "b.md"))
    paths = list(backticked_problems(tmp_path, tmp_path / "docs" / "b.md"))
    assert links == [
        "docs/b.md:2: link 'missing.md' does not exist",
        "docs/b.md:2: link '../pics/x.png' does not exist",
        "docs/b.md:3: link '../../shared/docs/outside.md' leaves the repository",
        "docs/b.md:4: link './nowhere.md' does not exist",
    ]
    assert paths == [
        "docs/b.md:6: path `shared/monies.py` does not exist",
        "docs/b.md:6: path `docs/c.md` does not exist",
        "docs/b.md:7: path `../../shared/docs/beyond.md` leaves the repository",
    ]


# Citations stand alone too: a report is cited by its short name and section (DEVELOPERS.md,
# "Conventions"), never by a line of a source text that is not in the repository, and the
# project's own documents are cited by their paths in docs/.

_SEED_LINE = re.compile(r"\b00[0-4]:\d{2,5}")
_OUTSIDE_DOC = re.compile(r"\b(?:ARCHITECTURE|DOMAIN|STYLE)\.md\b")
#: Files that still cite outside the repository, each to be cleaned and then removed from here.
CITATION_EXCEPTIONS: set[str] = set()


def source_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not _excluded(d))
        found += [Path(directory, f) for f in sorted(files) if f.endswith((".py", ".md"))]
    return found


def stray_citations(root: Path, path: Path) -> Iterator[str]:
    where = path.relative_to(root).as_posix()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for pattern in (_SEED_LINE, _OUTSIDE_DOC):
            for match in pattern.finditer(line):
                yield f"{where}:{number}: cites {match.group(0)!r}, which is not in the repository"


def test_no_file_cites_a_source_line_or_a_document_outside_the_repository() -> None:
    found = [
        problem
        for path in source_files(REPO)
        if path.relative_to(REPO).as_posix() not in CITATION_EXCEPTIONS
        for problem in stray_citations(REPO, path)
    ]
    assert not found, "\n".join(found)


def test_a_stray_citation_is_reported_and_a_standing_one_is_not(tmp_path: Path) -> None:
    survey, evaluation, outside = "000", "004", "ARCHITECTURE" + ".md"  # not cited here
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "The hub rule (*Practice finances survey*, Case study 1; docs/architecture.md).\n"
        f"Money follows the activity ({survey}:498-508), at 10:30, 2026-01:15 or 1000:1234.\n"
        f"See {outside} section 5 and Domain.md.\n"
    )
    (tmp_path / "x.py").write_text(f"# ({evaluation}:3605-3618)\n")
    found = [p for f in source_files(tmp_path) for p in stray_citations(tmp_path, f)]
    assert found == [
        f"x.py:1: cites '{evaluation}:3605', which is not in the repository",
        f"docs/a.md:2: cites '{survey}:498', which is not in the repository",
        f"docs/a.md:3: cites '{outside}', which is not in the repository",
    ]


# docs/architecture.md describes the code: the catalogue and the route tables follow it.

ARCHITECTURE = REPO / "docs" / "architecture.md"
_EVENT_TYPE = re.compile(r"`(gpfed\.[a-z_]+\.[a-z_]+)`")
_ROUTE = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`")
_PARAMETER = re.compile(r"\{[^}]*\}")
COMMON_ROUTES = {"GET /health/live", "GET /health/ready", "GET /metrics", "GET /asyncapi"}


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n")
    rest = text[start + len(heading) :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def _routes_named(text: str) -> set[str]:
    return {f"{m.group(1)} {_PARAMETER.sub('{}', m.group(2))}" for m in _ROUTE.finditer(text)}


def test_the_event_catalogue_names_every_event_type_and_no_other() -> None:
    import shared.events  # noqa: F401 - registers every schema
    from shared.events.base import registered

    catalogue = _section(ARCHITECTURE.read_text(encoding="utf-8"), "### Event catalogue")
    named = set(_EVENT_TYPE.findall(catalogue))
    # Only the project's own schemas: tests register probes of their own in the same registry.
    types = {t for t, schema in registered().items() if schema.__module__.startswith("shared.")}
    assert not types - named, f"add to docs/architecture.md, Event catalogue: {types - named}"
    assert not named - types, f"not event types in shared/events: {named - types}"


@pytest.mark.parametrize("service", ["contracts", "payments", "federation", "conflicts"])
def test_the_rest_surface_lists_every_route_of_the_service_and_no_other(service: str) -> None:
    from gpfed.services import SERVICES

    spec = SERVICES[service]
    app = spec.create_app(spec.settings(database_url="sqlite+aiosqlite://", bus_enabled=False))
    routes = {
        f"{method.upper()} {_PARAMETER.sub('{}', path)}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    text = ARCHITECTURE.read_text(encoding="utf-8")
    surface = _section(text, "## REST surface")
    heading = next(h for h in re.findall(r"^### .*$", surface, re.MULTILINE) if service in h)
    listed = _routes_named(_section(surface, heading))
    assert _routes_named(surface) >= COMMON_ROUTES
    missing = routes - COMMON_ROUTES - listed
    assert not missing, f"add to docs/architecture.md, {heading}: {sorted(missing)}"
    assert not listed - routes, f"no such route in {service}: {sorted(listed - routes)}"
