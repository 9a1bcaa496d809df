"""The permission matrix: every API operation × role × relation → expected status.

Roles: anonymous, talent, mentor, organisation, employer, admin (with TOTP),
pending_organisation. Relation: "-" for routes without an object, "own" for
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
SIGNED_IN_CREATED = row(401, 201, 201, 201, 201, 201, 201)
SIGNED_IN_GONE = row(401, 204, 204, 204, 204, 204, 204)
POST_EDITORS = {
    "own": row(401, 403, 200, 200, 200, 200, 403),
    "other": row(401, 403, 403, 403, 403, 200, 403),  # admins correct any post, with a reason
}
PROJECT_MANAGER = {
    "own": row(401, 403, 403, 200, 403, 200, 403),
    "other": row(401, 403, 403, 403, 403, 200, 403),
}

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
    ("post", "/api/v1/projects/{slug}/join/"): {
        "own": row(401, 201, 201, 403, 403, 403, 403),
        "other": row(401, 201, 201, 403, 403, 403, 403),
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
    ("get", "/api/v1/faq/"): {"-": EVERYONE_OK},
    ("post", "/api/v1/faq/"): {"-": row(401, 201, 201, 201, 201, 201, 201)},
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
    ("post", "/api/v1/posts/{id}/save/"): {"own": SIGNED_IN_CREATED, "other": SIGNED_IN_CREATED},
    ("delete", "/api/v1/posts/{id}/save/"): {"own": SIGNED_IN_GONE, "other": SIGNED_IN_GONE},
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
    # the test plugin "alpha" (tests/plugins/alpha)
    ("get", "/api/v1/alpha/echo/"): {"-": SIGNED_IN_OK},
}

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
}
UPLOADS = {
    ("put", "/api/v1/me/cv/"): "pdf",
    ("put", "/api/v1/me/photo/"): "png",
}
