"""A small page tree in three languages for the page tests (the full content is tested once)."""

from __future__ import annotations

import pytest


def t(en: str, nl: str, ar: str) -> dict:
    return {"en": en, "nl": nl, "ar": ar}


def tiny_specs() -> list[dict]:
    return [
        {
            "key": "home",
            "type": "HomePage",
            "title": t("Your way to work", "Jouw weg naar werk", "طريقك إلى العمل"),
            "intro": t("Start here.", "Begin hier.", "ابدأ من هنا."),
            "body": [
                {
                    "facts": {
                        "heading": t("In figures", "In cijfers", "بالأرقام"),
                        "facts": [
                            {
                                "value": "1,175",
                                "label": t("people reached", "mensen bereikt", "شخصًا تم الوصول إليهم"),
                                "source": t("VDAB", "VDAB", "VDAB"),
                            }
                        ],
                    }
                }
            ],
        },
        {
            "key": "roadmap",
            "parent": "home",
            "type": "RoadmapIndexPage",
            "title": t("Roadmap to a job", "Stappenplan naar werk", "خارطة الطريق إلى العمل"),
            "intro": t("Nine steps.", "Negen stappen.", "تسع خطوات."),
        },
        {
            "key": "roadmap/orientation",
            "parent": "roadmap",
            "type": "RoadmapStepPage",
            "fields": {"step_number": 1},
            "title": t("Orientation", "Oriëntatie", "التوجّه"),
            "intro": t(
                "Register with the employment service.",
                "Schrijf je in bij de arbeidsbemiddeling.",
                "سجّل لدى مكتب التشغيل.",
            ),
            "body": [
                {
                    "practical_information": {
                        "heading": t("Where to begin", "Waar begin je", "من أين تبدأ"),
                        "text": t(
                            ["Visit the diploma recognition office early.", "Bring your documents."],
                            [
                                "Ga vroeg langs bij het bureau voor diplomaerkenning.",
                                "Neem je documenten mee.",
                            ],
                            ["زر مكتب معادلة الشهادات مبكرًا.", "أحضر وثائقك معك."],
                        ),
                    }
                },
                {
                    "tips": {
                        "heading": t("Tips", "Tips", "نصائح"),
                        "tips": [t("Keep copies.", "Bewaar kopieën.", "احتفظ بنسخ.")],
                    }
                },
                {
                    "latest_posts": {
                        "heading": t("Latest events", "Nieuwste evenementen", "أحدث الفعاليات"),
                        "post_types": ["event"],
                        "sectors": [],
                        "limit": 2,
                    }
                },
            ],
        },
        {
            "key": "roadmap/job-search",
            "parent": "roadmap",
            "type": "RoadmapStepPage",
            "fields": {"step_number": 6},
            "title": t("Job search", "Werk zoeken", "البحث عن عمل"),
            "intro": t("Find vacancies.", "Vind vacatures.", "ابحث عن الوظائف الشاغرة."),
        },
        {
            "key": "sectors",
            "parent": "home",
            "type": "SectorIndexPage",
            "title": t("Sector paths", "Sectorpaden", "مسارات القطاعات"),
            "intro": t("Eight sectors.", "Acht sectoren.", "ثمانية قطاعات."),
        },
        {
            "key": "sectors/ict",
            "parent": "sectors",
            "type": "SectorPathPage",
            "fields": {"sector": "ict"},
            "title": t("ICT", "ICT", "تكنولوجيا المعلومات"),
            "intro": t("Software and networks.", "Software en netwerken.", "البرمجيات والشبكات."),
            "related_steps": [
                {"step": "roadmap/orientation", "note": t("Start here.", "Begin hier.", "ابدأ هنا.")},
                {"step": "roadmap/job-search", "note": t("Then search.", "Zoek daarna.", "ثم ابحث.")},
            ],
        },
    ]


def seed_tiny_tree() -> None:
    """Seed the tiny tree (outside a test transaction: wagtail-localize publishes on commit)."""
    from cms.pages.seed import seed_pages
    from cms.plugins.testing import run_background_tasks

    seed_pages(tiny_specs())
    run_background_tasks()  # the search and reference index, as the workers would


@pytest.fixture
def page_tree(db, django_capture_on_commit_callbacks):
    """The tiny tree seeded through wagtail-localize; ``{key: {language: specific page}}``.

    It is seeded once into the test database when the session starts (``conftest.py``); a
    test's changes roll back with the test. After a test that flushes the database it is
    seeded again here."""
    from wagtail.models import Page

    from cms.pages.models import HomePage

    if not HomePage.objects.exists():
        with django_capture_on_commit_callbacks(execute=True):
            seed_tiny_tree()
    tree: dict[str, dict] = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        key = page.url_path.strip("/").split("/", 1)
        name = key[1] if len(key) > 1 else "home"
        tree.setdefault(name, {})[page.locale.language_code] = page
    return tree
