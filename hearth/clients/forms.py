"""Forms of the client pages, in USWDS markup (hearth.web.forms.UswdsFormMixin)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.clients.merge import FIELD_GROUPS, MERGED, SURVIVOR
from hearth.clients.models import Client
from hearth.clients.services import IDENTIFYING, RACE_FIELDS, ClientData
from hearth.hud.generated.lists import (
    DOBDataQuality,
    NameDataQuality,
    NoYes,
    NoYesReasonsForMissingData,
    RaceNone,
    Sex,
    SSNDataQuality,
)
from hearth.web.forms import UswdsFormMixin

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y"]


def _choice(codes: Any, label: Any, *, required: bool = True, help_text: Any = "") -> forms.TypedChoiceField:
    blank = [] if required else [("", _("Not answered"))]
    return forms.TypedChoiceField(
        label=label,
        choices=blank + list(codes.choices),
        coerce=int,
        empty_value=None,
        required=required,
        help_text=help_text,
    )


class SearchForm(UswdsFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Name, date of birth, last four of SSN, or PersonalID"),
        max_length=200,
        required=False,
        help_text=_("For example: Bill Smith 3/12/1985, or García López, or 1234."),
    )


class ClientForm(UswdsFormMixin, forms.Form):
    """The universal data elements of a client, with their data-quality answers."""

    first_name = forms.CharField(label=_("First name"), max_length=50, required=False)
    middle_name = forms.CharField(label=_("Middle name"), max_length=50, required=False)
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=50,
        required=False,
        help_text=_("Both surnames when the client uses two, e.g. García López."),
    )
    name_suffix = forms.CharField(label=_("Suffix"), max_length=50, required=False)
    name_data_quality = _choice(NameDataQuality, _("Name data quality"))
    ssn = forms.CharField(
        label=_("Social Security Number"),
        max_length=11,
        required=False,
        help_text=_("Nine digits; write x for a digit the client does not know."),
    )
    ssn_data_quality = _choice(SSNDataQuality, _("SSN data quality"))
    dob = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("For example 1985-03-12 or 03/12/1985."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dob_data_quality = _choice(DOBDataQuality, _("DOB data quality"))
    sex = _choice(Sex, _("Sex"), required=False)
    am_ind_ak_native = forms.BooleanField(
        label=_("American Indian, Alaska Native, or Indigenous"), required=False
    )
    asian = forms.BooleanField(label=_("Asian or Asian American"), required=False)
    black_af_american = forms.BooleanField(label=_("Black, African American, or African"), required=False)
    hispanic_latinao = forms.BooleanField(label=_("Hispanic/Latina/e/o"), required=False)
    mid_east_n_african = forms.BooleanField(label=_("Middle Eastern or North African"), required=False)
    native_hi_pacific = forms.BooleanField(label=_("Native Hawaiian or Pacific Islander"), required=False)
    white = forms.BooleanField(label=_("White"), required=False)
    race_none = _choice(RaceNone, _("No race or ethnicity reported"), required=False)
    additional_race_ethnicity = forms.CharField(
        label=_("Additional race and ethnicity detail"), max_length=100, required=False
    )
    veteran_status = _choice(NoYesReasonsForMissingData, _("Veteran status"))

    def __init__(self, *args: Any, victim_service_provider: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.victim_service_provider = victim_service_provider
        if victim_service_provider:
            for name in (*IDENTIFYING, "name_data_quality", "ssn_data_quality", "dob_data_quality"):
                del self.fields[name]
        for name in RACE_FIELDS:
            self.fields[name].widget.attrs["class"] = "usa-checkbox__input"

    @property
    def race_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in RACE_FIELDS]

    @property
    def other_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in RACE_FIELDS]

    def data_for_service(self) -> ClientData:
        values = dict(self.cleaned_data)
        for name in RACE_FIELDS:
            values[name] = NoYes.YES if values.get(name) else NoYes.NO
        if not self.victim_service_provider:
            values["ssn"] = (values.get("ssn") or "").replace("-", "") or None
        cleaned: dict[str, Any] = {k: (v if v != "" else None) for k, v in values.items()}
        return ClientData(**cleaned)

    @classmethod
    def initial_from(cls, client: Client) -> dict[str, Any]:
        initial = {name: getattr(client, name) for name in cls.base_fields if hasattr(client, name)}
        initial["ssn"] = ""
        for name in RACE_FIELDS:
            initial[name] = getattr(client, name) == NoYes.YES
        return initial


class NoteForm(UswdsFormMixin, forms.Form):
    text = forms.CharField(label=_("Case note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)


class DocumentForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example: State ID, pay stub."))
    file = forms.FileField(label=_("File (PDF, PNG or JPEG, at most 10 MB)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update(
            {"class": "usa-file-input", "accept": "application/pdf,image/png,image/jpeg"}
        )


class MergeForm(forms.Form):
    """For each group of fields, whose value the surviving record keeps."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in FIELD_GROUPS:
            self.fields[group.key] = forms.ChoiceField(
                label=group.label,
                choices=[(SURVIVOR, _("Keep")), (MERGED, _("Take"))],
                initial=SURVIVOR,
                widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
            )
