"""The committed generated code is exactly what the generator writes from the spec."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.hud.codegen import generate


def test_regenerating_yields_no_diff():
    for generated in generate(Path(settings.HUD_SPEC_DIR)):
        committed = (Path(settings.BASE_DIR) / generated.path).read_text(encoding="utf-8")
        assert committed == generated.text, f"{generated.path} is stale: run `hearth hud-generate`"


def test_check_mode_names_stale_files_and_writes_nothing(tmp_path, settings):
    settings.BASE_DIR = tmp_path  # an empty tree: every generated file is missing
    with pytest.raises(CommandError, match=r"stale.*hearth/hud/generated/lists\.py"):
        call_command("hud_generate", "--check")
    assert not (tmp_path / "hearth").exists()
