"""The landing page of a Helix installation: where to go next."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi


def home(request):
    """Links for people who open the site in a browser: API docs, admin, health."""
    return render(
        request,
        "helix/home.html",
        {
            "site_url": settings.HELIX_SITE_URL,
            "lang": get_language(),
            "dir": "rtl" if get_language_bidi() else "ltr",
            "languages": settings.LANGUAGES,
            "roadmap_id": _roadmap_id(get_language()),
        },
    )


def _roadmap_id(language: str | None):
    from cms.pages.models import RoadmapIndexPage

    code = (language or settings.LANGUAGE_CODE).split("-")[0]
    page = RoadmapIndexPage.objects.live().filter(locale__language_code=code).first()
    page = page or RoadmapIndexPage.objects.live().first()
    return page.pk if page else None
