"""The shape of a column of the LSA upload files (LSA Data Dictionary - Columns)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class LsaColumn:
    file: str  # "LSAPerson", "Project"
    order: int
    name: str
    data_type: str  # "int", "date", "datetime", "nvarchar(32)"
    list: int | None  # LSA Data Dictionary list id
    nullable: bool
    max_length: int | None  # HDX 2.0 maximum length of the value as text
