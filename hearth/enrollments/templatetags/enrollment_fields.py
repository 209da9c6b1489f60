"""Radio buttons drawn straight from their data: a questionnaire has hundreds of them, and Django's
widget templates (three nested templates per button) would take most of the page's time."""

from django import template
from django.forms.boundfield import BoundWidget
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def radio_input(choice: BoundWidget) -> SafeString:
    """The ``<input type="radio">`` of one choice, with the attributes the form gave it."""
    data = choice.data
    attrs = {**data["attrs"], "type": "radio", "name": data["name"], "value": data["value"]}
    if data["selected"]:
        attrs["checked"] = True
    return format_html("<input{}>", flatatt(attrs))
