from cms.plugins import hookimpl


@hookimpl
def dashboard_stats(since):
    return {"beta_things": 1}


@hookimpl
def profile_sections(user):
    return {"beta": {"enabled": True}}
