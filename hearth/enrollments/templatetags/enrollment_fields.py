"""Radio buttons drawn straight from the field: a questionnaire has hundreds of them, and Django's
widget templates (three nested templates per button) would take most of the page's time."""

from django import forms, template
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def radio_buttons(field: forms.BoundField) -> SafeString:
    """Every choice of a radio field as USWDS draws it: the input, then its label."""
    value = field.value()
    chosen = "" if value is None else str(value)
    widget_attrs = {k: v for k, v in field.field.widget.attrs.items() if k != "id"}
    if field.field.required:
        widget_attrs["required"] = True
    buttons = []
    choices = field.field.choices  # type: ignore[attr-defined]  # a ChoiceField
    for index, (code, label) in enumerate(choices):
        input_id = f"{field.auto_id}_{index}"
        attrs = {
            **widget_attrs,
            "type": "radio",
            "name": field.html_name,
            "value": code,
            "id": input_id,
            "checked": str(code) == chosen,
        }
        buttons.append((flatatt(attrs), input_id, label))
    return format_html_join(
        "",
        '<div class="usa-radio"><input{}><label class="usa-radio__label" for="{}">{}</label></div>',
        buttons,
    )


@register.filter
def quick_widget(field: forms.BoundField) -> SafeString:
    """A text, date, number or checkbox input built in Python with the attributes Django would
    give it (the form's, ``id``, ``required``, ``checked``); any other widget as Django draws it."""
    widget = field.field.widget
    if not isinstance(widget, Input):
        return field.as_widget()
    attrs = field.build_widget_attrs(dict(widget.attrs))
    attrs.setdefault("id", field.auto_id)
    drawn = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    complete = {**drawn["attrs"], "type": drawn["type"], "name": drawn["name"]}
    if drawn["value"] is not None:
        complete["value"] = drawn["value"]
    return format_html("<input{}>", flatatt(complete))
