"""The demo self-assessment framework for ``seed_demo``, in English, Dutch and Arabic.

The seeds describe the MeMoRe tools (HIVA KU Leuven, Hefboom and partners, 2017–2019): a
self-assessment of a mentoring-to-work initiative against critical success factors, and a
sustainability tool that walks an initiative through 15 dimensions with short explanations and
reflection questions. They do not name those dimensions, so this framework is written from the
handbook's own mentoring model instead (preparing mentors, matching, the five-step sessions, the
six domains of mentoring, following up, closing) plus the seeds' point on sustainability; its
introduction says so. Seeded once: an existing framework with the same key is left alone.
"""

from __future__ import annotations

import uuid

from wagtail.models import Locale

from plugins.journey.models import Framework

KEY = uuid.UUID("6d8f3c1e-5b7a-4e2d-9a61-2f0c4b8e7d10")
NAMESPACE = uuid.UUID("0b1d7a52-8c3e-4f6a-b2d9-7e5c1a3f9b84")

TITLE = {
    "en": "Quality of our mentoring to work",
    "nl": "Kwaliteit van onze mentoring naar werk",
    "ar": "جودة برنامجنا للإرشاد نحو العمل",
}
INTRODUCTION = {
    "en": (
        "A self-assessment for mentoring-to-work initiatives, inspired by the MeMoRe project's tools "
        "(a self-assessment against critical success factors and a sustainability tool with 15 "
        "dimensions). Those 15 dimensions are not reproduced here: this framework follows the stages "
        "of the mentoring model described in the platform's handbook, from preparing mentors to "
        "closing a mentoring, and adds the sustainability of the initiative. Score each dimension, "
        "note what you see and plan what you will do."
    ),
    "nl": (
        "Een zelfevaluatie voor mentoring-naar-werkinitiatieven, geïnspireerd door de instrumenten "
        "van het project MeMoRe (een zelfevaluatie aan de hand van kritische succesfactoren en een "
        "duurzaamheidstool met 15 dimensies). Die 15 dimensies staan hier niet: dit kader volgt de "
        "fasen van het mentoringmodel uit het handboek van het platform, van het voorbereiden van "
        "mentoren tot het afsluiten van een mentoring, en voegt de duurzaamheid van het initiatief "
        "toe. Geef elke dimensie een score, noteer wat je ziet en plan wat je gaat doen."
    ),
    "ar": (
        "تقييم ذاتي لمبادرات الإرشاد نحو العمل، مستوحى من أدوات مشروع MeMoRe (تقييم ذاتي وفق "
        "عوامل النجاح الحاسمة وأداة للاستدامة من 15 بُعدًا). لا تُعرض هنا تلك الأبعاد الخمسة عشر: "
        "يتبع هذا الإطار مراحل نموذج الإرشاد الموصوف في دليل المنصة، من إعداد المرشدين إلى اختتام "
        "الإرشاد، ويضيف استدامة المبادرة. امنح كل بُعد درجة، ودوّن ما تلاحظه، وخطّط لما ستفعله."
    ),
}

DIMENSIONS = [
    {
        "title": {"en": "Preparing mentors", "nl": "Mentoren voorbereiden", "ar": "إعداد المرشدين"},
        "explanation": {
            "en": "Mentors start well prepared: a workshop or training and clear information on "
            "what mentoring to work is and how a session goes.",
            "nl": "Mentoren starten goed voorbereid: een workshop of training en duidelijke "
            "informatie over wat mentoring naar werk is en hoe een sessie verloopt.",
            "ar": "يبدأ المرشدون وهم مستعدون جيدًا: ورشة عمل أو تدريب ومعلومات واضحة عن معنى "
            "الإرشاد نحو العمل وكيف تسير الجلسة.",
        },
        "questions": [
            {
                "en": "Does every mentor follow a workshop before the first session?",
                "nl": "Volgt elke mentor een workshop voor de eerste sessie?",
                "ar": "هل يحضر كل مرشد ورشة عمل قبل الجلسة الأولى؟",
            },
            {
                "en": "Can mentors and mentees find the same practical information?",
                "nl": "Vinden mentoren en mentees dezelfde praktische informatie?",
                "ar": "هل يجد المرشدون والمسترشدون المعلومات العملية نفسها؟",
            },
        ],
    },
    {
        "title": {
            "en": "Matching mentor and mentee",
            "nl": "Mentor en mentee koppelen",
            "ar": "المطابقة بين المرشد والمسترشد",
        },
        "explanation": {
            "en": "The organisation matches a mentor with a mentee on purpose, in a matching "
            "meeting, looking at the mentee's goals and the mentor's experience.",
            "nl": "De organisatie koppelt bewust een mentor aan een mentee, in een "
            "matchingsgesprek, met oog voor de doelen van de mentee en de ervaring van de mentor.",
            "ar": "تربط المنظمة المرشد بالمسترشد عن قصد، في لقاء مطابقة، مع مراعاة أهداف "
            "المسترشد وخبرة المرشد.",
        },
        "questions": [
            {
                "en": "On what do we base a match?",
                "nl": "Waarop baseren we een koppeling?",
                "ar": "على أي أساس نبني المطابقة؟",
            },
            {
                "en": "How long does a mentee wait for a mentor?",
                "nl": "Hoe lang wacht een mentee op een mentor?",
                "ar": "كم ينتظر المسترشد حتى يحصل على مرشد؟",
            },
        ],
    },
    {
        "title": {"en": "Structured sessions", "nl": "Gestructureerde sessies", "ar": "جلسات منظّمة"},
        "explanation": {
            "en": "Sessions follow a clear structure: build rapport, agree on a concrete goal, make a "
            "step-by-step plan, summarise who does what and when, and evaluate.",
            "nl": "Sessies volgen een duidelijke structuur: vertrouwen opbouwen, een concreet doel "
            "afspreken, een stappenplan maken, samenvatten wie wat doet en wanneer, en evalueren.",
            "ar": "تتبع الجلسات بنية واضحة: بناء الثقة، والاتفاق على هدف محدد، ووضع خطة خطوة "
            "بخطوة، وتلخيص من يفعل ماذا ومتى، ثم التقييم.",
        },
        "questions": [
            {
                "en": "Does each session end with agreed next steps and a next appointment?",
                "nl": "Eindigt elke sessie met afgesproken volgende stappen en een nieuwe afspraak?",
                "ar": "هل تنتهي كل جلسة بخطوات تالية متفق عليها وموعد قادم؟",
            },
        ],
    },
    {
        "title": {
            "en": "The domains of mentoring to work",
            "nl": "De domeinen van mentoring naar werk",
            "ar": "مجالات الإرشاد نحو العمل",
        },
        "explanation": {
            "en": "The mentoring covers what the mentee needs among the six domains: talents and "
            "aspirations, the CV, the job interview, the motivation letter, networking and finding "
            "suitable vacancies.",
            "nl": "De mentoring behandelt wat de mentee nodig heeft uit de zes domeinen: talenten en "
            "aspiraties, het cv, het sollicitatiegesprek, de motivatiebrief, netwerken en geschikte "
            "vacatures vinden.",
            "ar": "يغطي الإرشاد ما يحتاجه المسترشد من المجالات الستة: المواهب والطموحات، والسيرة "
            "الذاتية، ومقابلة العمل، ورسالة التحفيز، وبناء شبكة العلاقات، وإيجاد الوظائف المناسبة.",
        },
        "questions": [
            {
                "en": "Which domains do our mentorings rarely reach?",
                "nl": "Welke domeinen komen in onze mentorings zelden aan bod?",
                "ar": "ما المجالات التي نادرًا ما يصل إليها إرشادنا؟",
            },
        ],
    },
    {
        "title": {"en": "Following up", "nl": "Opvolgen", "ar": "المتابعة"},
        "explanation": {
            "en": "The organisation follows each mentoring: sessions are planned and reported, and "
            "mentors can turn to someone with their questions.",
            "nl": "De organisatie volgt elke mentoring op: sessies worden gepland en gerapporteerd, "
            "en mentoren kunnen met hun vragen ergens terecht.",
            "ar": "تتابع المنظمة كل عملية إرشاد: تُخطَّط الجلسات ويُكتب عنها تقرير، ويجد المرشدون "
            "من يجيب عن أسئلتهم.",
        },
        "questions": [
            {
                "en": "Do we notice in time when a mentoring stalls?",
                "nl": "Merken we tijdig wanneer een mentoring stilvalt?",
                "ar": "هل ننتبه في الوقت المناسب عندما يتوقف الإرشاد؟",
            },
            {
                "en": "Do we collect mentors' and mentees' questions in a FAQ?",
                "nl": "Verzamelen we de vragen van mentoren en mentees in een FAQ?",
                "ar": "هل نجمع أسئلة المرشدين والمسترشدين في قائمة أسئلة شائعة؟",
            },
        ],
    },
    {
        "title": {"en": "Closing the mentoring", "nl": "De mentoring afsluiten", "ar": "اختتام الإرشاد"},
        "explanation": {
            "en": "A mentoring ends on purpose: mentor and mentee look back on the goals, the "
            "outcome is recorded and both give feedback.",
            "nl": "Een mentoring eindigt bewust: mentor en mentee blikken terug op de doelen, het "
            "resultaat wordt vastgelegd en beiden geven feedback.",
            "ar": "ينتهي الإرشاد عن قصد: يراجع المرشد والمسترشد الأهداف، وتُسجَّل النتيجة، ويقدّم "
            "كلاهما ملاحظاته.",
        },
        "questions": [
            {
                "en": "Do we know what happened for the mentees after the mentoring?",
                "nl": "Weten we wat er na de mentoring met de mentees gebeurde?",
                "ar": "هل نعرف ما الذي حدث للمسترشدين بعد انتهاء الإرشاد؟",
            },
        ],
    },
    {
        "title": {
            "en": "Sustainability of the initiative",
            "nl": "Duurzaamheid van het initiatief",
            "ar": "استدامة المبادرة",
        },
        "explanation": {
            "en": "Mentoring-to-work initiatives often start with project funding and disappear "
            "after a few years; initiatives that last tend to have a social-entrepreneurial mindset.",
            "nl": "Mentoring-naar-werkinitiatieven starten vaak met projectfinanciering en "
            "verdwijnen na enkele jaren; initiatieven die blijven, hebben vaak een sociaal "
            "ondernemende ingesteldheid.",
            "ar": "كثيرًا ما تبدأ مبادرات الإرشاد نحو العمل بتمويل مشاريع ثم تختفي بعد بضع سنوات؛ "
            "أما المبادرات التي تستمر فغالبًا ما تتحلى بعقلية ريادة الأعمال الاجتماعية.",
        },
        "questions": [
            {
                "en": "What happens to our mentoring when the current funding ends?",
                "nl": "Wat gebeurt er met onze mentoring wanneer de huidige financiering stopt?",
                "ar": "ماذا يحدث لبرنامج الإرشاد لدينا عندما ينتهي التمويل الحالي؟",
            },
            {
                "en": "Do we have to reshape the initiative for each new call for funding?",
                "nl": "Moeten we het initiatief bij elke nieuwe financieringsoproep herschikken?",
                "ar": "هل نضطر إلى إعادة تشكيل المبادرة مع كل دعوة تمويل جديدة؟",
            },
        ],
    },
]


def _dimensions(code: str) -> list[dict]:
    return [
        {
            "type": "dimension",
            "id": str(uuid.uuid5(NAMESPACE, f"dimension/{n}")),
            "value": {
                "title": dim["title"][code],
                "explanation": dim["explanation"][code],
                "questions": [
                    {"type": "item", "value": q[code], "id": str(uuid.uuid5(NAMESPACE, f"q/{n}/{m}"))}
                    for m, q in enumerate(dim["questions"])
                ],
            },
        }
        for n, dim in enumerate(DIMENSIONS)
    ]


def seed_framework() -> None:
    """The framework in every installed locale of English, Dutch and Arabic (one key, same ids)."""
    if Framework.objects.filter(translation_key=KEY).exists():
        return
    for code in ("en", "nl", "ar"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        Framework.objects.create(
            translation_key=KEY,
            locale=locale,
            title=TITLE[code],
            introduction=INTRODUCTION[code],
            dimensions=_dimensions(code),
        )
