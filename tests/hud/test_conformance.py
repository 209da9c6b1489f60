"""Every FY2026 HMIS CSV column has a model field of HUD's type, length, nullability and code list.

The expectations are read straight from the spec files (not from Hearth's generated code), so a
model that drifts from the spec fails here.
"""

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from hearth.hud.generated.lists import LISTS
from hearth.hud.naming import FILE_APPS, FOREIGN_KEY_FIELDS, MODEL_NAMES, field_name

SPEC = Path(settings.HUD_SPEC_DIR)
EXPORTER_SET = {"ExportID"}  # stored as the source export (null for records made in Hearth); set on export


def read_spec(name: str) -> list[dict[str, str]]:
    with (SPEC / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


COLUMNS = read_spec("csv_columns.csv")
FILES = read_spec("csv_files.csv")
LIST_CODES: dict[str, set[str]] = defaultdict(set)
for row in read_spec("lists.csv"):
    LIST_CODES[row["list"]].add(row["code"])


def model_for(file_name: str) -> type[models.Model]:
    stem = file_name.removesuffix(".csv")
    return apps.get_model(FILE_APPS[stem], MODEL_NAMES[stem])


def field_for(column: dict[str, str]) -> models.Field:
    model = model_for(column["file_name"])
    name = column["column_name"]
    if column["key"].startswith("FK:") and name in FOREIGN_KEY_FIELDS and "(" not in column["key"]:
        return model._meta.get_field(FOREIGN_KEY_FIELDS[name])
    return model._meta.get_field(field_name(name))


def test_spec_size_is_what_the_conformance_test_covers():
    assert len(FILES) == 24
    assert len(COLUMNS) == 519
    assert len(LIST_CODES) == 88


@pytest.mark.parametrize("spec_file", FILES, ids=lambda f: f["file_name"])
def test_each_file_has_one_model_with_exactly_its_columns(spec_file):
    model = model_for(spec_file["file_name"])
    expected = {field_for(c).name for c in COLUMNS if c["file_name"] == spec_file["file_name"]}
    actual = {f.name for f in model._meta.concrete_fields}
    assert actual == expected
    assert (
        model._meta.pk.name
        == field_for(
            next(c for c in COLUMNS if c["file_name"] == spec_file["file_name"] and c["key"] == "PK")
        ).name
    )


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c['file_name']}:{c['column_name']}")
def test_column_has_field_of_hud_type(column):
    field = field_for(column)
    type_code, key = column["type_code"], column["key"]
    if key == "PK":
        assert field.primary_key
        assert isinstance(field, models.CharField)
        assert field.max_length == int(column["max_length"])
        return
    if isinstance(field, models.ForeignKey):
        target = key.removeprefix("FK:").split(".")[0]
        target = "Project" if target == "ProjectCoC" else target
        assert field.related_model is model_for(f"{target}.csv")
        assert type_code == "S"
        assert field.target_field.max_length == int(column["max_length"])
    elif type_code == "S":
        assert type(field) is models.CharField
        assert field.max_length == int(column["max_length"])
    elif type_code == "I":
        assert isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField)
    elif type_code == "D":
        assert type(field) is models.DateField
    elif type_code == "T":
        assert type(field) is models.DateTimeField
    elif type_code in ("M", "M+"):
        assert isinstance(field, models.DecimalField)
        assert field.decimal_places == 2
    else:
        pytest.fail(f"unknown HUD type {type_code}")

    nullable = column["nullable"] == "Y" or column["column_name"] in EXPORTER_SET
    assert field.null is nullable

    list_number = column["list"]
    if list_number and not list_number.startswith("("):
        assert {str(code) for code, _label in field.choices} == LIST_CODES[list_number]
    else:
        assert not field.choices


@pytest.mark.parametrize("number", sorted(LIST_CODES))
def test_every_code_list_is_generated_with_its_codes(number):
    generated = LISTS[number]
    assert {str(code) for code in generated.codes} == LIST_CODES[number]
    assert {str(value) for value in generated.choices.values} == LIST_CODES[number]


def test_money_keeps_cents():
    field = field_for(next(c for c in COLUMNS if c["column_name"] == "TotalMonthlyIncome"))
    assert field.to_python("1234.50") == Decimal("1234.50")
