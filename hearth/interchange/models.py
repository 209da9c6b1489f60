"""HMIS CSV interchange: the Export record of every import and export."""

from hearth.interchange.hud_records import ExportRecord


class Export(ExportRecord):
    """HUD's Export record (Export.csv): one per HMIS CSV export read or written."""

    def __str__(self) -> str:
        return f"Export {self.export_id} ({self.export_start_date}..{self.export_end_date})"
