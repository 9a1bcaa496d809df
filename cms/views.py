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
        },
    )
