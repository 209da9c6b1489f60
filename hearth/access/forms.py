"""Forms of the privacy pages: consent to share and its revocation."""

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from hearth.access.models import ConsentScope, ConsentShares, FormLanguage

EXPIRY = [
    ("1y", _("One year after signing")),
    ("2y", _("Two years after signing")),
    ("date", _("On a date")),
    ("none", _("Only when revoked")),
]
SIGNERS = [
    ("self", _("The client")),
    ("head of household", _("The Head of Household (for a minor)")),
    ("guardian", _("A parent or legal guardian")),
]


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Who may see the record"), choices=ConsentScope.choices, widget=forms.RadioSelect
    )
    named_organizations = forms.MultipleChoiceField(
        label=_("Named agencies"), required=False, widget=forms.CheckboxSelectMultiple
    )
    shares = forms.ChoiceField(
        label=_("What is shared"), choices=ConsentShares.choices, widget=forms.RadioSelect
    )
    signed_on = forms.DateField(label=_("Date signed"), widget=forms.DateInput(attrs={"type": "date"}))
    expiry = forms.ChoiceField(label=_("The consent ends"), choices=EXPIRY, widget=forms.RadioSelect)
    expires_on = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_by_name = forms.CharField(label=_("Signed by (name)"), max_length=200)
    signed_by_relationship = forms.ChoiceField(label=_("Signer"), choices=SIGNERS)
    form_language = forms.ChoiceField(label=_("Language of the form"), choices=FormLanguage.choices)
    signed_form = forms.FileField(label=_("Signed form (scan or photo)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("signed_on", "expires_on", "signed_by_name"):
            self.fields[name].widget.attrs["class"] = "usa-input"
        for name in ("signed_by_relationship", "form_language"):
            self.fields[name].widget.attrs["class"] = "usa-select"
        self.fields["signed_form"].widget.attrs["class"] = "usa-file-input"
        for name in ("scope", "shares", "expiry"):
            self.fields[name].widget.attrs["class"] = "usa-radio__input"
        self.fields["named_organizations"].widget.attrs["class"] = "usa-checkbox__input"
        organizations = apps.get_model("agencies", "Organization").objects.filter(victim_service_provider=0)
        field = self.fields["named_organizations"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(
            organizations.order_by("organization_name").values_list("organization_id", "organization_name")
        )


class RevocationForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    revocation_form = forms.FileField(label=_("Signed revocation (scan or photo)"), required=False)
