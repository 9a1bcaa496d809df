"""The permission matrix: every API operation × role × relation → expected status.

Roles: anonymous, talent, mentor, organisation, employer, admin (with TOTP),
pending_organisation. A further actor, the admin without a second factor, is derived from each
row (``cms.plugins.testing.without_second_factor``): refused wherever the admin's answer differs
from every account's. Relation: "-" for routes without an object, "own" for
the acting user's object (their organisation, their organisation's project),
"other" for somebody else's. A new route without rows fails
``tests/test_permission_matrix.py``.
"""

ROLES = ("anonymous", "talent", "mentor", "organisation", "employer", "admin", "pending_organisation")


def row(anonymous, talent, mentor, organisation, employer, admin, pending_organisation):
    statuses = (anonymous, talent, mentor, organisation, employer, admin, pending_organisation)
    return dict(zip(ROLES, statuses, strict=True))


EVERYONE_OK = row(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN_OK = row(401, 200, 200, 200, 200, 200, 200)
ADMIN_ONLY = row(401, 403, 403, 403, 403, 200, 403)
APPROVED_CREATED = row(401, 201, 201, 201, 201, 201, 403)  # a pending account: account_not_approved
APPROVED_GONE = row(401, 204, 204, 204, 204, 204, 403)
POST_EDITORS = {
    "own": row(401, 403, 200, 200, 200, 200, 403),
    "other": row(401, 403, 403, 403, 403, 200, 403),  # admins correct any post, with a reason
}
PROJECT_MANAGER = {
    "own": row(401, 403, 403, 200, 403, 200, 403),
    "other": row(401, 403, 403, 403, 403, 200, 403),
}

MATCH_SEEN = row(401, 200, 200, 200, 404, 200, 404)  # its two sides, its organisation, admins
MATCH_MANAGED = row(401, 403, 403, 200, 404, 200, 404)  # its organisation and admins
MEETING_PLANNER = row(401, 403, 200, 200, 404, 200, 404)  # the planner, the organisation, admins
TALENT_SEEN = row(401, 404, 200, 200, 404, 200, 404)  # the matched mentor, the organisation, admins
ADMIN_SEES = row(401, 404, 404, 404, 404, 200, 404)
THREAD_SIDES = row(401, 200, 200, 404, 404, 404, 404)  # nobody else reads a conversation, admins neither
THREAD_SIDES_WRITE = row(401, 201, 201, 404, 404, 404, 404)
NOBODY = row(401, 404, 404, 404, 404, 404, 404)
EMPLOYER_ONLY = row(401, 403, 403, 403, 200, 403, 403)
EMPLOYER_NOT_FOUND = row(401, 403, 403, 403, 404, 403, 403)
TALENT_ONLY = row(401, 200, 403, 403, 403, 403, 403)
TALENT_NOT_FOUND = row(401, 404, 403, 403, 403, 403, 403)

MATRIX = {
    ("get", "/api/v1/me/"): {"-": SIGNED_IN_OK},
    ("patch", "/api/v1/me/"): {"-": SIGNED_IN_OK},
    ("delete", "/api/v1/me/"): {"-": row(401, 204, 204, 204, 204, 204, 204)},
    ("get", "/api/v1/me/export/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/me/cv/"): {"-": row(401, 404, 403, 403, 403, 403, 403)},
    ("put", "/api/v1/me/cv/"): {"-": row(401, 201, 403, 403, 403, 403, 403)},
    ("delete", "/api/v1/me/cv/"): {"-": row(401, 204, 403, 403, 403, 403, 403)},
    ("get", "/api/v1/me/photo/"): {"-": row(401, 404, 404, 404, 404, 404, 404)},
    ("put", "/api/v1/me/photo/"): {"-": row(401, 201, 201, 201, 201, 403, 201)},
    ("get", "/api/v1/me/consents/"): {"-": SIGNED_IN_OK},
    ("post", "/api/v1/me/consents/"): {"-": row(401, 201, 201, 201, 201, 201, 201)},
    ("delete", "/api/v1/me/consents/{purpose}/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/sectors/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/sectors/{slug}/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/organisations/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/organisations/{slug}/"): {"own": EVERYONE_OK, "other": EVERYONE_OK},
    ("patch", "/api/v1/organisations/{slug}/"): {
        "own": row(401, 403, 403, 200, 403, 200, 403),
        "other": row(401, 403, 403, 403, 403, 200, 403),
    },
    ("get", "/api/v1/projects/"): {"-": SIGNED_IN_OK},
    ("post", "/api/v1/projects/"): {"-": row(401, 403, 403, 201, 403, 201, 403)},
    ("get", "/api/v1/projects/{slug}/"): {"own": SIGNED_IN_OK, "other": SIGNED_IN_OK},
    ("put", "/api/v1/projects/{slug}/"): PROJECT_MANAGER,
    ("patch", "/api/v1/projects/{slug}/"): PROJECT_MANAGER,
    # the capability organisations.join_project: talents, mentors and organisation staff (of
    # their own or another organisation's project); employers and admins do not hold it
    ("post", "/api/v1/projects/{slug}/join/"): {
        "own": row(401, 201, 201, 201, 403, 403, 403),
        "other": row(401, 201, 201, 201, 403, 403, 403),
    },
    ("get", "/api/v1/projects/{slug}/memberships/"): PROJECT_MANAGER,
    ("post", "/api/v1/projects/{slug}/memberships/{id}/approve/"): PROJECT_MANAGER,
    ("post", "/api/v1/projects/{slug}/memberships/{id}/reject/"): PROJECT_MANAGER,
    ("put", "/api/v1/projects/{slug}/plugins/{plugin_id}/"): PROJECT_MANAGER,
    ("get", "/api/v1/plugins/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/admin/dashboard/"): {"-": ADMIN_ONLY},
    ("get", "/api/v1/admin/approvals/"): {"-": ADMIN_ONLY},
    ("get", "/api/v1/admin/translation-status/"): {"-": ADMIN_ONLY},
    ("get", "/api/v1/admin/approvals/{public_id}/"): {"-": ADMIN_ONLY},
    ("post", "/api/v1/admin/approvals/{public_id}/approve/"): {"-": ADMIN_ONLY},
    ("post", "/api/v1/admin/approvals/{public_id}/reject/"): {"-": ADMIN_ONLY},
    # information pages: "own" is a published page, "other" an unpublished one (never answered)
    ("get", "/api/v1/pages/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/pages/{id}/"): {"own": EVERYONE_OK, "other": row(404, 404, 404, 404, 404, 404, 404)},
    ("get", "/api/v1/pages/find/"): {"-": EVERYONE_OK},
    ("get", "/api/v1/pages/changes/"): {"-": EVERYONE_OK},
    # an editor's draft: "own" with the token of their Preview (the token is the permission),
    # "other" with a forged one (400 invalid_token, the draft never answered)
    ("get", "/api/v1/pages/preview/"): {"own": EVERYONE_OK, "other": row(400, 400, 400, 400, 400, 400, 400)},
    ("get", "/api/v1/faq/"): {"-": EVERYONE_OK},
    ("post", "/api/v1/faq/"): {"-": row(401, 201, 201, 201, 201, 201, 403)},  # not approved yet
    ("get", "/api/v1/faq/mine/"): {"-": SIGNED_IN_OK},
    # the posts plugin: "own" is a post the acting user wrote (roles that may post), "other"
    # somebody else's; talents and pending organisations have no posts of their own.
    ("get", "/api/v1/posts/"): {"-": EVERYONE_OK},
    ("post", "/api/v1/posts/"): {"-": row(401, 403, 201, 201, 201, 201, 403)},
    ("get", "/api/v1/posts/{id}/"): {"own": EVERYONE_OK, "other": EVERYONE_OK},
    ("put", "/api/v1/posts/{id}/"): POST_EDITORS,
    ("patch", "/api/v1/posts/{id}/"): POST_EDITORS,
    ("delete", "/api/v1/posts/{id}/"): {
        "own": row(401, 403, 204, 204, 204, 204, 403),
        "other": row(401, 403, 403, 403, 403, 204, 403),
    },
    ("post", "/api/v1/posts/{id}/publish/"): {  # the post is live already: 409 for those allowed
        "own": row(401, 403, 409, 409, 409, 409, 403),
        "other": row(401, 403, 403, 403, 403, 409, 403),
    },
    ("post", "/api/v1/posts/{id}/unpublish/"): {"own": ADMIN_ONLY, "other": ADMIN_ONLY},
    ("post", "/api/v1/posts/{id}/save/"): {"own": APPROVED_CREATED, "other": APPROVED_CREATED},
    ("delete", "/api/v1/posts/{id}/save/"): {"own": APPROVED_GONE, "other": APPROVED_GONE},
    # "own": a talent connected with the organisation (a member of its project); "other": a stranger
    ("post", "/api/v1/posts/{id}/suggest/"): {
        "own": row(401, 403, 403, 201, 403, 403, 403),
        "other": row(401, 403, 403, 403, 403, 403, 403),
    },
    ("get", "/api/v1/posts/mine/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/posts/saved/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/posts/suggestions/"): {"-": SIGNED_IN_OK},
    # "own": a suggestion made to the acting user (only talents receive them)
    ("post", "/api/v1/posts/suggestions/{suggestion_id}/dismiss/"): {
        "own": row(401, 200, 404, 404, 404, 404, 404),
        "other": row(401, 404, 404, 404, 404, 404, 404),
    },
    ("get", "/api/v1/posts/digest/"): {"-": SIGNED_IN_OK},
    ("put", "/api/v1/posts/digest/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/posts/unsubscribe/{token}/"): {"-": EVERYONE_OK},
    ("post", "/api/v1/posts/unsubscribe/{token}/"): {"-": EVERYONE_OK},
    # the mentoring plugin. "own": the talent–mentor match of the acting organisation's project
    # between the talent and the mentor (and its meeting, request, thread); "other": the same
    # things of another organisation's project, between other people.
    ("get", "/api/v1/matches/"): {"-": SIGNED_IN_OK},
    ("post", "/api/v1/matches/"): {"-": row(401, 403, 403, 201, 403, 201, 403)},
    ("get", "/api/v1/matches/{id}/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("post", "/api/v1/matches/{id}/activate/"): {  # active already: 409 for those who may accept
        "own": row(401, 403, 403, 409, 404, 409, 404), "other": row(401, 404, 404, 404, 404, 409, 404),
    },
    ("post", "/api/v1/matches/{id}/pause/"): {"own": MATCH_MANAGED, "other": ADMIN_SEES},
    ("post", "/api/v1/matches/{id}/resume/"): {  # not paused: 409 for those who may resume
        "own": row(401, 403, 403, 409, 404, 409, 404), "other": row(401, 404, 404, 404, 404, 409, 404),
    },
    ("post", "/api/v1/matches/{id}/close/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("post", "/api/v1/matches/{id}/feedback/"): {  # still active: 409 for its two sides
        "own": row(401, 409, 409, 403, 404, 403, 404), "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    ("get", "/api/v1/matches/{id}/timeline/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("get", "/api/v1/matches/suggestions/"): {"-": row(401, 403, 403, 200, 403, 200, 403)},
    ("get", "/api/v1/matches/mentor-profile/"): {"-": row(401, 403, 200, 403, 403, 403, 403)},
    ("put", "/api/v1/matches/mentor-profile/"): {"-": row(401, 403, 200, 403, 403, 403, 403)},
    ("get", "/api/v1/match-requests/"): {"-": SIGNED_IN_OK},
    ("post", "/api/v1/match-requests/"): {"-": row(401, 409, 403, 403, 403, 403, 403)},  # talent: one open
    ("get", "/api/v1/match-requests/{id}/"): {
        "own": row(401, 200, 404, 200, 404, 200, 404), "other": ADMIN_SEES,
    },
    ("post", "/api/v1/match-requests/{id}/answer/"): {
        "own": row(401, 403, 404, 201, 404, 201, 404), "other": row(401, 404, 404, 404, 404, 201, 404),
    },
    ("post", "/api/v1/match-requests/{id}/decline/"): {
        "own": row(401, 403, 404, 200, 404, 200, 404), "other": ADMIN_SEES,
    },
    ("post", "/api/v1/match-requests/{id}/withdraw/"): {
        "own": row(401, 200, 404, 403, 404, 403, 404), "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    ("get", "/api/v1/talents/"): {"-": SIGNED_IN_OK},
    # an unmatched mentor, an employer, another organisation: 404 on a talent's profile and CV
    ("get", "/api/v1/talents/{id}/"): {"own": TALENT_SEEN, "other": ADMIN_SEES},
    ("get", "/api/v1/talents/{id}/cv/"): {"own": TALENT_SEEN, "other": ADMIN_SEES},
    ("get", "/api/v1/meetings/"): {"-": SIGNED_IN_OK},
    # employers and pending organisations name a match they cannot see: 400 "no such match"
    ("post", "/api/v1/meetings/"): {"-": row(401, 201, 201, 201, 400, 201, 400)},
    ("get", "/api/v1/meetings/{id}/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("patch", "/api/v1/meetings/{id}/"): {"own": MEETING_PLANNER, "other": ADMIN_SEES},
    ("post", "/api/v1/meetings/{id}/cancel/"): {"own": MEETING_PLANNER, "other": ADMIN_SEES},
    ("post", "/api/v1/meetings/{id}/respond/"): {  # participants only
        "own": row(401, 200, 200, 403, 404, 403, 404), "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    ("get", "/api/v1/meetings/{id}/report/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("put", "/api/v1/meetings/{id}/report/"): {  # its planner (the mentor) writes it
        "own": row(401, 403, 200, 403, 404, 403, 404), "other": row(401, 404, 404, 404, 404, 403, 404),
    },
    ("get", "/api/v1/meetings/{id}/invite/"): {"own": MATCH_SEEN, "other": ADMIN_SEES},
    ("get", "/api/v1/threads/"): {"-": SIGNED_IN_OK},
    # writing to the matched partner (talent ↔ mentor; organisation → its project's talent)
    ("post", "/api/v1/threads/"): {"-": row(401, 201, 201, 201, 403, 403, 403)},
    ("get", "/api/v1/threads/{id}/"): {"own": THREAD_SIDES, "other": NOBODY},
    ("get", "/api/v1/threads/{id}/messages/"): {"own": THREAD_SIDES, "other": NOBODY},
    ("post", "/api/v1/threads/{id}/messages/"): {"own": THREAD_SIDES_WRITE, "other": NOBODY},
    ("post", "/api/v1/threads/{id}/read/"): {"own": THREAD_SIDES, "other": NOBODY},
    ("post", "/api/v1/threads/{id}/block/"): {"own": THREAD_SIDES, "other": NOBODY},
    ("delete", "/api/v1/threads/{id}/block/"): {"own": THREAD_SIDES, "other": NOBODY},
    ("post", "/api/v1/threads/{id}/report/"): {"own": THREAD_SIDES_WRITE, "other": NOBODY},
    ("get", "/api/v1/threads/settings/"): {"-": SIGNED_IN_OK},
    ("put", "/api/v1/threads/settings/"): {"-": SIGNED_IN_OK},
    ("get", "/api/v1/admin/message-reports/"): {"-": ADMIN_ONLY},
    ("post", "/api/v1/admin/message-reports/{id}/resolve/"): {"-": ADMIN_ONLY},
    # the employers plugin. "own": the talent connected with the acting employer (publishes their CV,
    # shares its sector), or for a talent, the employer connected with them; "other": unconnected.
    ("get", "/api/v1/talent-pool/"): {"-": EMPLOYER_ONLY},
    ("get", "/api/v1/talent-pool/{id}/"): {"own": EMPLOYER_ONLY, "other": EMPLOYER_NOT_FOUND},
    ("get", "/api/v1/talent-pool/{id}/cv/"): {"own": EMPLOYER_ONLY, "other": EMPLOYER_NOT_FOUND},
    ("post", "/api/v1/talent-pool/{id}/contact/"): {
        "own": row(401, 403, 403, 403, 201, 403, 403), "other": EMPLOYER_NOT_FOUND,
    },
    ("get", "/api/v1/talent-pool/profile/"): {"-": EMPLOYER_ONLY},
    ("put", "/api/v1/talent-pool/profile/"): {"-": EMPLOYER_ONLY},
    ("get", "/api/v1/employer-connections/"): {"-": TALENT_ONLY},
    ("post", "/api/v1/employer-connections/{id}/accept-contact/"): {
        "own": TALENT_ONLY, "other": TALENT_NOT_FOUND,
    },
    ("post", "/api/v1/employer-connections/{id}/decline/"): {"own": TALENT_ONLY, "other": TALENT_NOT_FOUND},
    ("delete", "/api/v1/employer-connections/{id}/decline/"): {  # not declined: 409
        "own": row(401, 409, 403, 403, 403, 403, 403), "other": TALENT_NOT_FOUND,
    },
    ("post", "/api/v1/employer-connections/{id}/block/"): {"own": TALENT_ONLY, "other": TALENT_NOT_FOUND},
    ("get", "/api/v1/me/cv-views/"): {"-": TALENT_ONLY},
    # the test plugin "alpha" (tests/plugins/alpha)
    ("get", "/api/v1/alpha/echo/"): {"-": SIGNED_IN_OK},
}

# A plugin may keep its rows beside its own code, in the same shape, checked there against a world
# of its own: ``<plugin app>.tests.test_matrix.<PLUGIN_ID>_MATRIX`` (plugins/networking/tests/
# test_matrix.py, and a partner's, tests/plugins/language_buddy/helix_language_buddy/tests/
# test_matrix.py). They count for the "every route has rows" test here; their cases run in the
# plugin's test. Found by that name, so a partner's plugin needs no line here.
PLUGIN_MATRIX_MODULE = "tests.test_matrix"


def plugin_rows() -> dict:
    """The rows every installed plugin keeps beside its code."""
    from importlib import import_module

    from cms.plugins import get_manager

    rows = {}
    for plugin_id, config in get_manager().configs.items():
        module_name = f"{config.name}.{PLUGIN_MATRIX_MODULE}"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name not in (module_name, module_name.rsplit(".", 1)[0]):
                raise  # the module exists but imports something that does not
            continue
        rows.update(getattr(module, f"{plugin_id.upper()}_MATRIX", {}))
    return rows


def all_rows() -> dict:
    """The rows here plus those of every installed plugin that keeps its own."""
    return {**MATRIX, **plugin_rows()}


BODIES = {
    ("patch", "/api/v1/me/"): {"first_name": "Changed"},
    ("post", "/api/v1/me/consents/"): {"purpose": "newsletter"},
    ("patch", "/api/v1/organisations/{slug}/"): {"city": "Antwerp"},
    ("post", "/api/v1/projects/"): {"name": "New track", "organisation": "{own_organisation}"},
    ("put", "/api/v1/projects/{slug}/"): {"description": "Updated"},
    ("patch", "/api/v1/projects/{slug}/"): {"description": "Updated"},
    ("post", "/api/v1/projects/{slug}/join/"): {"motivation": "I want to learn."},
    ("put", "/api/v1/projects/{slug}/plugins/{plugin_id}/"): {"enabled": False},
    ("get", "/api/v1/pages/find/"): {"html_path": "/en/roadmap/"},
    ("get", "/api/v1/pages/preview/"): {"token": "{preview_token}"},
    ("post", "/api/v1/faq/"): {"question": "Can I study and work at the same time?"},
    ("post", "/api/v1/posts/"): {
        "type": "study", "title": "Dutch for engineers", "summary": "An intensive course in Ghent.",
        "link": "https://www.vdab.be", "sectors": ["ict"],
    },
    ("put", "/api/v1/posts/{id}/"): {
        "type": "tool", "title": "CV builder", "summary": "Write your CV online.",
        "link": "https://europass.europa.eu", "reason": "Clearer title.",
    },
    ("patch", "/api/v1/posts/{id}/"): {"city": "Leuven", "reason": "The course moved to Leuven."},
    ("post", "/api/v1/posts/{id}/unpublish/"): {"reason": "Out of date."},
    ("post", "/api/v1/posts/{id}/suggest/"): {"talent": "{connected_talent}"},
    ("put", "/api/v1/posts/digest/"): {"frequency": "off"},
    ("post", "/api/v1/matches/"): {
        "kind": "talent_mentor", "talent": "{own_talent}", "mentor": "{free_mentor}",
    },
    ("post", "/api/v1/matches/{id}/close/"): {"reason": "The programme ended."},
    ("post", "/api/v1/matches/{id}/feedback/"): {"usefulness": 4, "would_recommend": True},
    ("get", "/api/v1/matches/suggestions/"): {"talent": "{own_talent}"},
    ("put", "/api/v1/matches/mentor-profile/"): {"domains": ["talents"], "accepting_mentees": True},
    ("post", "/api/v1/match-requests/"): {"domains": ["talents", "networking"]},
    ("post", "/api/v1/match-requests/{id}/answer/"): {"mentor": "{free_mentor}"},
    ("post", "/api/v1/match-requests/{id}/decline/"): {"reason": "No mentor speaks Tigrinya yet."},
    ("post", "/api/v1/meetings/"): {
        "matches": ["{own_match}"], "title": "Session",
        "starts_at": "{tomorrow}", "ends_at": "{tomorrow_later}",
    },
    ("patch", "/api/v1/meetings/{id}/"): {"title": "First session"},
    ("post", "/api/v1/meetings/{id}/respond/"): {"attending": True},
    ("put", "/api/v1/meetings/{id}/report/"): {"rapport": "Good", "goal": "A job", "plan": "CV",
                                               "next_steps": "Apply", "evaluation": "Useful"},
    ("post", "/api/v1/threads/"): {"to": "{partner}", "body": "Hello!"},
    ("post", "/api/v1/threads/{id}/messages/"): {"body": "Hello again"},
    ("post", "/api/v1/threads/{id}/report/"): {"reason": "Unwanted contact"},
    ("put", "/api/v1/threads/settings/"): {"email_notifications": True, "include_text_in_email": False},
    ("post", "/api/v1/admin/message-reports/{id}/resolve/"): {"resolution": "Warned the sender."},
    ("post", "/api/v1/talent-pool/{id}/contact/"): {"message": "We have a job in Ghent."},
    ("put", "/api/v1/talent-pool/profile/"): {
        "places": ["Ghent"], "offers": ["jobs"], "blind_listings": False,
    },
}
UPLOADS = {
    ("put", "/api/v1/me/cv/"): "pdf",
    ("put", "/api/v1/me/photo/"): "png",
}
