"""The documentation site builds with warnings as errors, and its reference is complete.

The pages' examples are run separately, by pytest's doctest collection of ``docs/*.md``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import psp

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"


def _documented() -> set[str]:
    return set(re.findall(r"^::: (\S+)", REFERENCE.read_text(encoding="utf-8"), re.MULTILINE))


def test_the_reference_documents_everything_public() -> None:
    documented = _documented()
    missing = [name for name in psp.__all__ if f"psp.{name}" not in documented]
    assert not missing, f"add to docs/reference.md: {', '.join(f'::: psp.{n}' for n in missing)}"
    assert "psp.testing" in documented


def test_the_reference_documents_only_what_exists() -> None:
    public = {f"psp.{name}" for name in psp.__all__} | {"psp.testing"}
    assert _documented() <= public


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    pytest.importorskip("mkdocstrings_handlers.python", reason="the docs extra is not installed")
    site_dir = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return site_dir


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_the_site_builds_with_every_page(site: Path) -> None:
    assert (site / "index.html").is_file()
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.stem != "index":
            assert (site / page.stem / "index.html").is_file(), page.name


def test_the_reference_is_generated_from_the_docstrings(site: Path) -> None:
    html = _page(site, "reference")
    for anchor in ("psp.Partnership", "psp.Partnership.join", "psp.to_data", "psp.from_data"):
        assert f'id="{anchor}"' in html, anchor
    assert "A Public Social Partnership: who it is" in html  # Partnership's docstring
    assert 'id="psp.testing.partnerships"' in html


def _section(html: str, anchor: str) -> str:
    """The HTML from ``anchor``'s heading to the next heading of its level."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h3 ", start)
    return html[start : end if end != -1 else len(html)]


def test_the_docstrings_render_as_markdown(site: Path) -> None:
    html = _page(site, "reference")
    # reST roles become links to the public names; no role is left as text.
    assert 'href="#psp.Partnership.unfilled_roles"' in _section(html, "psp.Partnership")
    assert not re.search(r":(class|func|meth|attr):", html)
    # Bare doctest blocks become highlighted code.
    assert '<span class="gp">&gt;&gt;&gt; </span>' in _section(html, "psp.OrgId")
    # ``#:`` comments document enum members.
    assert "Community Justice Authority" in _section(html, "psp.PublicBodyKind")


def test_attrs_classes_show_their_constructor(site: Path) -> None:
    signature = _section(_page(site, "reference"), "psp.Partner").split("</code>", 2)[1]
    for parameter in ("id", "name", "sector", "public_body_kind", "represents_service_users"):
        assert f">{parameter}</span>" in signature, parameter


def test_the_examples_are_highlighted(site: Path) -> None:
    # ```pycon blocks (run as doctests) render as highlighted code, prompts included.
    assert '<span class="gp">&gt;&gt;&gt; </span>' in _page(site, "partnership")


def test_the_glossary_is_in_the_site(site: Path) -> None:
    html = _page(site, "glossary")
    for term in ("CJA", "critical friend", "signposting", "Spending Review 2014", "org-id"):
        anchor = term.lower().replace(" ", "-")
        assert f'<dt id="{anchor}">{term}</dt>' in html, term
