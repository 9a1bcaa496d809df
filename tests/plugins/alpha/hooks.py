from cms.jobs.periodic import PeriodicJob
from cms.plugins import hookimpl
from tests.plugins.alpha import state


def _seen(name, **kwargs):
    state.CALLS.append((name, kwargs))


@hookimpl
def api_routes(router):
    from tests.plugins.alpha.api import EchoViewSet

    router.register("alpha/echo", EchoViewSet, basename="alpha-echo")


@hookimpl
def connection_kinds():
    from cms.connections.kinds import ConnectionKind

    return [ConnectionKind("alpha_pair", "Alpha pair", ("talent", "mentor"), {"mentor": ("profile",)})]


@hookimpl
def role_permissions():
    return {"talent": ["sectors.change_sector"]}


@hookimpl
def page_dynamic_content(page, locale, user, block):
    _seen("page_dynamic_content", page=page, locale=locale)
    kinds = ",".join(block.get("post_types") or []) or "any"
    return [
        {"type": "alpha", "title": f"Alpha item {n} for {page} in {locale} ({kinds})"}
        for n in range(1, 4)
    ]


@hookimpl
def profile_sections(user):
    return {"alpha": {"greeting": f"Hello {user.first_name}"}}


@hookimpl
def on_connection_activated(connection):
    _seen("on_connection_activated", connection=connection)


@hookimpl
def on_connection_changed(connection, change):
    _seen("on_connection_changed", connection=connection, change=change)


@hookimpl
def on_connection_closed(connection):
    _seen("on_connection_closed", connection=connection)


@hookimpl
def on_consent_changed(user, purpose, granted):
    if purpose == "terms":  # every signup grants it; the tests look at the other purposes
        return
    _seen("on_consent_changed", user=user, purpose=purpose, granted=granted)


@hookimpl
def dashboard_stats(since):
    return {"alpha_widgets": 7}


@hookimpl
def newsletter_sections(user, since):
    return [{"title": "Alpha news", "items": [f"for {user.email}"]}]


@hookimpl
def periodic_jobs():
    return [PeriodicJob("alpha.tick", "*/5 * * * *", "Alpha's periodic job")]


@hookimpl
def export_user_data(user):
    return {"alpha.memory": [c[0] for c in state.CALLS]}


@hookimpl
def erase_user_data(user):
    _seen("erase_user_data", user=user)
    return ["alpha.memory"]


@hookimpl
def seed_demo(locales):
    _seen("seed_demo", locales=locales)
