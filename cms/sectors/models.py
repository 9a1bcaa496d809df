"""The sectors of the fast-track paths (handbook, chapter 2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin


class Sector(TranslatableMixin, models.Model):
    """A sector with a fast-track path: ICT, logistics, healthcare…

    A Wagtail snippet translated with wagtail-localize: one row per locale,
    rows of the same sector share a ``translation_key``. Profiles, posts and
    pages refer to the row in the default locale; the API answers with the
    row in the request's language and identifies sectors by ``slug``, which
    is the same in every locale.
    """

    slug = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "slug"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_sector_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def source_rows(cls):
        """Sectors in the default locale: the rows other models point to."""
        return cls.objects.filter(locale=Locale.get_default())
