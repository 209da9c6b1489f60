"""Every string marked for translation has its Spanish, and the catalogs are up to date.

The check regenerates the catalogs the way `make messages` does, in a copy of the source tree, and
reads what came out: a string added to the code without its Spanish shows up there as an empty
(or fuzzy) entry, so this fails until the catalog is updated and translated.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = shutil.ignore_patterns("__pycache__", "static", "*.mo", "*.pyc")


def _quoted(line: str) -> str:
    return ast.literal_eval(line[line.index('"') :])


def untranslated(po_text: str) -> list[str]:
    """The msgids of a catalog with no Spanish: an empty msgstr (any plural form) or a fuzzy one."""
    missing = []
    for block in po_text.strip().split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        parts: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                if current is not None:
                    parts[current] += _quoted(line)
                continue
            current = line.split(" ", 1)[0]
            parts[current] = _quoted(line)
        if not parts.get("msgid"):
            continue  # the header
        strings = [value for key, value in parts.items() if key.startswith("msgstr")]
        if fuzzy or not strings or not all(strings):
            missing.append(parts["msgid"])
    return missing


def test_the_parser_finds_empty_plural_and_fuzzy_entries():
    catalog = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "Done"\nmsgstr "Hecho"\n\n'
        'msgid ""\n"Two "\n"lines"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Client"\nmsgstr "Cliente"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] ""\n'
    )
    assert untranslated(catalog) == ["Two lines", "Client", "one"]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """A copy of the tree whose catalogs `make messages` has just regenerated."""
    copy = tmp_path_factory.mktemp("messages")
    shutil.copytree(ROOT / "hearth", copy / "hearth", ignore=NOT_SOURCE)
    shutil.copy(ROOT / "Makefile", copy / "Makefile")
    (copy / ".venv").symlink_to(Path(sys.executable).parent.parent)
    make = shutil.which("make")
    if make is None or shutil.which("msgmerge") is None:
        pytest.fail(
            "make and GNU gettext (msgmerge, xgettext) check the catalogs: `make test` installs gettext"
        )
    finished = subprocess.run(  # noqa: S603  # make, our own Makefile
        [make, "--no-print-directory", "-o", ".venv/.installed", "messages"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return copy


def catalogs(tree: Path) -> list[Path]:
    return sorted(tree.glob("hearth/**/locale/es/LC_MESSAGES/django.po"))


def test_every_catalog_is_regenerated(regenerated):
    names = [str(path.relative_to(regenerated)) for path in catalogs(regenerated)]
    assert names == [str(path.relative_to(ROOT)) for path in catalogs(ROOT)]
    assert "hearth/locale/es/LC_MESSAGES/django.po" in names


def test_every_string_has_its_spanish(regenerated):
    missing = {
        str(path.relative_to(regenerated)): untranslated(path.read_text(encoding="utf-8"))
        for path in catalogs(regenerated)
    }
    assert {catalog: ids for catalog, ids in missing.items() if ids} == {}
