"""The shape of a HUD CSV file and column (csv_files.csv and csv_columns.csv of the spec)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CsvFile:
    name: str  # "Client.csv"
    order: int  # position in a standard export
    primary_key: str  # CSV column name of the primary key
    model: str  # "app_label.ModelName" holding the records
    in_fy2024: bool
    in_fy2026: bool

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".csv")


@dataclass(frozen=True)
class Column:
    file: str  # "Client.csv"
    order: int
    name: str  # HUD's CSV column name, e.g. "DOBDataQuality"
    field: str  # the model attribute holding the raw value, e.g. "dob_data_quality", "client_id"
    type_code: str  # S, I, D, T, M or M+
    max_length: int | None  # for S
    nullable: bool
    list: str | None  # HUD list number, or "(by RecordType)" for a conditional list
    data_element: str | None
    key: str | None  # "PK", "FK:File.Column", "GROUP:household stay"
