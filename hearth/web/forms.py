"""Forms of the web pages, in the markup of the U.S. Web Design System (USWDS)."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class UswdsFormMixin(forms.BaseForm):
    """Gives each widget USWDS's input class, and ties a field in error to its message.

    The template shows a field's errors in an element with id ``<field id>-error``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = " ".join(
                filter(None, (field.widget.attrs.get("class"), "usa-input"))
            )

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " usa-input--error"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class SignInForm(UswdsFormMixin, AuthenticationForm):
    """Django's username and password sign-in; a locked or idle account is told why."""

    def get_invalid_login_error(self) -> forms.ValidationError:
        refusal = getattr(self.request, "hearth_sign_in_refusal", None)
        if refusal:
            return forms.ValidationError(refusal, code="refused")
        return super().get_invalid_login_error()
