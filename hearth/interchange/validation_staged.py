"""The cross-file checks of an import, in the order they run, on the engine that holds its stage.

Keys first (a repeated key makes every later check count its record twice), then, for a batch of
exports, one row per key (the latest), then references, households and dates, and projects.
"""

from hearth.interchange import household_rules, validation_keys, validation_projects, validation_references
from hearth.interchange.validation import IssueLog
from hearth.interchange.validation_keys import StagedImport


def check(staged: StagedImport, log: IssueLog) -> None:
    validation_keys.index_stages(staged)
    validation_keys.check_unique_keys(staged, log)
    if len(staged.plans) > 1:
        validation_keys.keep_latest(staged)
    validation_keys.check_references(staged, log)
    validation_references.check(staged, log)
    household_rules.check(staged, log)
    validation_projects.check(staged, log)
