"""Forms of the enrollment pages, built from the questionnaires, in USWDS markup.

Forms only turn what was typed into values of the right type; the services validate and decide.
Every field in error points at its message (``aria-describedby`` to ``<field id>-error``).
"""

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from hearth.enrollments import service_types
from hearth.enrollments.assessments import ChoiceGroup, Kind, Question, Questionnaire
from hearth.enrollments.household_rules import MEMBER_RELATIONSHIPS
from hearth.enrollments.service_types import ServiceField, ServiceKind
from hearth.hud.generated.lists import RelationshipToHoH

EMPTY_CHOICE = ("", _("Choose an answer"))
DATE_INPUT = {"type": "date"}


class QuickSelect(forms.Select):
    """A select drawn in Python: a questionnaire's long HUD lists (32 living situations, 150 VA
    stations) would otherwise render one template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                "<option{}>{}</option>",
                ((flatatt({"value": o["value"], "selected": o["selected"]}), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                if group_name
                else rendered
            )
        options = format_html_join("", "{}", ((group,) for group in groups))
        return format_html("<select{}>{}</select>", flatatt({**widget["attrs"], "name": name}), options)


def _coerce_code(value: str) -> int | str:
    return int(value) if value.isdigit() else value


class UswdsForm(forms.Form):
    """USWDS classes by widget, and each field in error tied to its message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        """USWDS's class for each widget; forms that add fields call it again once they have."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                css = "usa-radio__input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "usa-checkbox__input"
            elif isinstance(widget, forms.Select):
                css = "usa-select"
            elif isinstance(widget, forms.Textarea):
                css = "usa-textarea"
            else:
                css = "usa-input"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "usa-input--error" not in attrs["class"]:
                    attrs["class"] += " usa-input--error"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def add_messages(self, by_field: dict[str, list[str]]) -> None:
        """Attach a service's messages to the fields they name (unknown names go to the form)."""
        for name, messages in by_field.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


# --- The questionnaire of a stage ------------------------------------------------------------------


@functools.cache
def _translated_choices(groups: tuple[ChoiceGroup, ...], language: str | None) -> tuple[Any, ...]:
    """A question's choices with their labels translated once per language, not per page."""
    if len(groups) == 1 and groups[0].label is None:
        return tuple((c.code, str(c.label)) for c in groups[0].choices)
    return tuple((str(g.label), tuple((c.code, str(c.label)) for c in g.choices)) for g in groups)


def _choices(question: Question, kept: Any) -> list[Any]:
    choices = list(_translated_choices(question.choice_groups, translation.get_language()))
    if kept is not None and kept not in question.codes:
        # A retired code already on record stays choosable for this record only.
        choices.append((kept, _("%(code)s (no longer used)") % {"code": kept}))
    return choices


def question_field(question: Question, kept: Any = None) -> forms.Field:
    label = str(question.label)
    required = question.required
    field: forms.Field
    match question.kind:
        case Kind.CHOICE:
            choices = _choices(question, kept)
            if question.shows_as_radios:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=_coerce_code,
                    empty_value=None,
                    required=required,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[EMPTY_CHOICE, *choices],
                    coerce=_coerce_code,
                    empty_value=None,
                    required=required,
                    widget=QuickSelect,
                )
        case Kind.CHECKBOX:
            field = forms.BooleanField(label=label, required=False)
        case Kind.DATE:
            field = forms.DateField(label=label, required=required, widget=forms.DateInput(attrs=DATE_INPUT))
        case Kind.MONEY:
            field = forms.DecimalField(
                label=label,
                required=required,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            )
        case Kind.INTEGER:
            field = forms.IntegerField(label=label, required=required, min_value=0, max_value=2_147_483_647)
        case _:
            field = forms.CharField(label=label, required=required, max_length=question.column.max_length)
    return field


@dataclass(frozen=True)
class Block:
    """What the template draws: one question, or a group of source checkboxes under a legend."""

    field: forms.BoundField | None = None
    question: Question | None = None
    legend: Any = None
    fields: tuple[tuple[forms.BoundField, str], ...] = ()  # each with its own condition, if any
    condition: str = ""

    @property
    def is_group(self) -> bool:
        return self.field is None


@dataclass(frozen=True)
class SectionLayout:
    element: str
    title: Any
    blocks: tuple[Block, ...]


def condition_attribute(data: dict[str, Any] | None) -> str:
    return json.dumps(data, separators=(",", ":")) if data else ""


class QuestionnaireForm(UswdsForm):
    """The questions of one stage for one member; ``kept`` holds the stored values."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        *args: Any,
        kept: dict[str, Any] | None = None,
        information_date: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.questions = {q.name: q for q in questionnaire.questions}
        kept = kept or {}
        if information_date:
            self.fields["information_date"] = forms.DateField(
                label=_("Date of the assessment"), widget=forms.DateInput(attrs=DATE_INPUT)
            )
        for question in questionnaire.questions:
            self.fields[question.name] = question_field(question, kept.get(question.name))
        self.style_widgets()

    def answers(self) -> dict[str, Any]:
        return {q.name: self.cleaned_data.get(q.name) for q in self.questionnaire.questions}

    def layout(self) -> list[SectionLayout]:
        sections = []
        for section in self.questionnaire.sections:
            blocks: list[Block] = []
            sources: list[tuple[forms.BoundField, Question]] = []
            for question in section.questions:
                bound = self[question.name]
                source_names = {q.column.name for _b, q in sources if q.any_source}
                follows_source = question.shown_if is not None and question.shown_if.names() <= source_names
                if question.any_source is not None or (sources and follows_source):
                    sources.append((bound, question))  # an amount or detail shows right under its source
                    continue
                if sources:
                    blocks.append(self._sources_block(sources))
                    sources = []
                blocks.append(
                    Block(
                        field=bound,
                        question=question,
                        condition=condition_attribute(question.condition_data()),
                    )
                )
            if sources:
                blocks.append(self._sources_block(sources))
            sections.append(SectionLayout(section.element, section.title, tuple(blocks)))
        return sections

    @staticmethod
    def _sources_block(fields: Sequence[tuple[forms.BoundField, Question]]) -> Block:
        """The sources answered under "from any source" (shown when it is yes), each amount
        right after its source and shown when the source is ticked."""
        condition = condition_attribute(fields[0][1].condition_data())
        own = tuple(
            (bound, "" if question.any_source else condition_attribute(question.condition_data()))
            for bound, question in fields
        )
        return Block(legend=_("Sources"), fields=own, condition=condition)


# --- Household -------------------------------------------------------------------------------------


class EnrollForm(UswdsForm):
    project = forms.ChoiceField(label=_("Project"))
    entry_date = forms.DateField(label=_("Project start date"), widget=forms.DateInput(attrs=DATE_INPUT))
    enrollment_coc = forms.ChoiceField(
        label=_("Continuum of Care where the household is served"), required=False
    )

    def __init__(
        self, *args: Any, projects: Iterable[tuple[str, str]], coc_codes: Iterable[str], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        assert isinstance(project, forms.ChoiceField)
        project.choices = [("", _("Choose a project")), *projects]
        codes = sorted(set(coc_codes))
        coc = self.fields["enrollment_coc"]
        assert isinstance(coc, forms.ChoiceField)
        if len(codes) > 1:
            coc.choices = [("", _("Choose a Continuum of Care")), *((c, c) for c in codes)]
        else:
            del self.fields["enrollment_coc"]


RELATIONSHIP_CHOICES = [(code, RelationshipToHoH(code).label) for code in MEMBER_RELATIONSHIPS]


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)


class MemberForm(UswdsForm):
    personal_id = forms.CharField(widget=forms.HiddenInput)
    relationship_to_hoh = forms.TypedChoiceField(
        label=_("Relationship to the head of household"),
        choices=[("", _("Choose a relationship")), *RELATIONSHIP_CHOICES],
        coerce=int,
    )
    entry_date = forms.DateField(label=_("Joins the project on"), widget=forms.DateInput(attrs=DATE_INPUT))


class HeadForm(UswdsForm):
    """Who becomes the head of household, and how the former head relates to them."""

    enrollment_id = forms.ChoiceField(label=_("New head of household"), widget=forms.RadioSelect)
    former_head_relationship = forms.TypedChoiceField(
        label=_("The former head's relationship to the new head"),
        choices=[("", _("Choose a relationship")), *RELATIONSHIP_CHOICES],
        coerce=int,
    )

    def __init__(self, *args: Any, members: Iterable[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["enrollment_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(members)


class MoveInForm(UswdsForm):
    move_in_date = forms.DateField(
        label=_("Housing move-in date"), required=False, widget=forms.DateInput(attrs=DATE_INPUT)
    )


# --- Services and contacts -------------------------------------------------------------------------


class ServiceForm(UswdsForm):
    """A service: its date and kind, the type for each kind, and the fields that depend on them."""

    date_provided = forms.DateField(label=_("Date provided"), widget=forms.DateInput(attrs=DATE_INPUT))

    def __init__(
        self, *args: Any, kinds: Sequence[ServiceKind], fields: Sequence[ServiceField], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.service_fields = {f.name: f for f in fields}
        self.fields["record_type"] = forms.TypedChoiceField(
            label=_("Kind of service"),
            choices=[("", _("Choose a kind of service")), *((k.record_type, k.label) for k in kinds)],
            coerce=int,
            empty_value=None,
            required=False,
        )
        for spec in fields:
            if spec.choices:
                field: forms.Field = forms.TypedChoiceField(
                    label=str(spec.label),
                    choices=[EMPTY_CHOICE, *((c.code, c.label) for c in spec.choices)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
            elif spec.column == "FAAmount":
                field = forms.DecimalField(
                    label=str(spec.label), required=False, min_value=0, max_digits=12, decimal_places=2
                )
            elif spec.column in ("FAStartDate", "FAEndDate"):
                field = forms.DateField(
                    label=str(spec.label), required=False, widget=forms.DateInput(attrs=DATE_INPUT)
                )
            else:
                field = forms.CharField(label=str(spec.label), required=False, max_length=50)
            self.fields[spec.name] = field
        self.style_widgets()

    def condition_of(self, name: str) -> str:
        spec = self.service_fields.get(name)
        return condition_attribute(spec.condition_data()) if spec else ""

    def chosen(self) -> dict[str, Any]:
        """The arguments of ``services.record_service`` from the cleaned data."""
        data = self.cleaned_data
        record_type = data.get("record_type")
        type_provided = data.get(f"type_provided-{record_type}") if record_type else None
        sub_type = data.get(f"sub_type_provided-{type_provided}") if type_provided else None
        return {
            "date_provided": data.get("date_provided"),
            "record_type": record_type,
            "type_provided": type_provided,
            "sub_type_provided": sub_type,
            "other_type_provided": data.get("other_type_provided"),
            "moving_on_other_type": data.get("moving_on_other_type"),
            "fa_amount": data.get("fa_amount"),
            "fa_start_date": data.get("fa_start_date"),
            "fa_end_date": data.get("fa_end_date"),
            "referral_outcome": data.get("referral_outcome"),
        }

    def hud_values(self) -> dict[str, Any]:
        """The service chosen, in HUD's column names (``activity_records.update_service``); a
        field that does not apply to the kind and type chosen holds nothing, as on a new one."""
        chosen = self.chosen()
        record_type, type_provided = chosen["record_type"], chosen["type_provided"]
        values = {
            "DateProvided": chosen["date_provided"],
            "RecordType": record_type,
            "TypeProvided": type_provided,
        }
        for column, field in service_types.FIELD_NAMES.items():
            applies = record_type is not None and service_types.applies(column, record_type, type_provided)
            values[column] = chosen[field] if applies else None
        return values

    def input_names(self) -> dict[str, str]:
        """The input each HUD column's messages belong on."""
        record_type = self.cleaned_data.get("record_type")
        type_provided = self.cleaned_data.get(service_types.type_input(record_type)) if record_type else None
        names = {"DateProvided": "date_provided", "RecordType": "record_type", **service_types.FIELD_NAMES}
        if record_type is not None:
            names["TypeProvided"] = service_types.type_input(record_type)
        if type_provided is not None:
            names["SubTypeProvided"] = service_types.sub_type_input(type_provided)
        return names


def service_initial(record: Any) -> dict[str, Any]:
    """A recorded service (Services.csv row) as the service form's answers."""
    initial: dict[str, Any] = {"date_provided": record.date_provided, "record_type": record.record_type}
    if record.record_type is not None:
        initial[service_types.type_input(record.record_type)] = record.type_provided
    if record.type_provided is not None and record.sub_type_provided is not None:
        initial[service_types.sub_type_input(record.type_provided)] = record.sub_type_provided
    for column, field in service_types.FIELD_NAMES.items():
        if column != "SubTypeProvided":
            initial[field] = getattr(record, field)
    return initial


class BedNightsForm(UswdsForm):
    night = forms.DateField(label=_("Night of"), widget=forms.DateInput(attrs=DATE_INPUT))
    present = forms.MultipleChoiceField(
        label=_("Stayed that night"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, roster: Iterable[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        present = self.fields["present"]
        assert isinstance(present, forms.MultipleChoiceField)
        present.choices = list(roster)


class NightForm(forms.Form):
    night = forms.DateField(required=False)
