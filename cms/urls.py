"""URLs: the API, allauth (headless and its pages), the Wagtail admin, health."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import v1 as api_v1
from cms import webapp

urlpatterns = [
    # The reference web app when it is built (cms/webapp.py), else the landing page.
    path("", webapp.root, name="home"),
    path("api/v1/", include(api_v1)),
    path("api/", include("api.urls")),  # the API's docs, and its JSON 404 for every other path
    path("_allauth/", include("allauth.headless.urls")),
    path("accounts/", include("allauth.urls")),
    # Admin login goes through allauth so that the second factor is always asked.
    path("admin/login/", RedirectView.as_view(url=settings.LOGIN_URL + "?next=/admin/", query_string=False)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", include("cms.health")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL + "public/", document_root=settings.MEDIA_ROOT + "/public")

# Last: the web app's files and addresses (never Helix's own routes above; see webapp.APP_PATHS).
urlpatterns += [re_path(webapp.APP_PATHS, webapp.app, name="webapp")]
