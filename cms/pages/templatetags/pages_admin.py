from django import template

from cms.pages.status import STATUS_LABELS

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def status_label(code):
    return STATUS_LABELS.get(code, code)
