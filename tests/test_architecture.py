"""Writes go through actions: checks that read the code (with ``ast``) instead of trusting a rule.

Views, API modules, serializers, admin screens and hooks hand their changes to an action
(``cms/<app>/actions.py``, ``plugins/<id>/actions.py``), which does the write, the permission
grants and the outbox rows in one transaction. A GET handler writes nothing at all.

What counts as a model write is a call of one of ``WRITE_METHODS`` whose receiver clearly is a
model or a queryset: the chain goes through ``.objects``, a reverse manager (``…_set``) or a
queryset method (``.filter(``, ``.exclude(``, ``.all(``, …); or it is ``serializer.save()`` or
``.save(update_fields=…)``; or ``super().save/update/create/…`` (a ``ModelSerializer``'s, a DRF
mixin's or a model's write).
So ``dict.update()`` or ``seen.add()`` are not flagged. Writes through a related manager
(``instance.sectors.set()``) or a plain ``post.save()`` cannot be told apart from other calls
this way and are not checked.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("cms", "api", "plugins")
SKIPPED_PARTS = {"migrations", "tests", "skeleton"}
SKIPPED_NAMES = {"seed.py"}

WRITE_METHODS = {
    "save",
    "delete",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
}
# Calls in a receiver chain that make it a queryset.
QUERYSET_METHODS = {
    "filter",
    "exclude",
    "all",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "annotate",
    "get_queryset",
}
GET_HANDLERS = {"get", "list", "retrieve", "get_context_data", "get_queryset"}
# Named like a layer that must not write, but not one (with the reason).
NOT_A_REQUEST_LAYER = {
    "cms/outbox/api.py": "the outbox's Python interface (enqueue), the write every action makes",
}


def python_files() -> Iterator[Path]:
    for top in SCANNED:
        for path in sorted((REPO_ROOT / top).rglob("*.py")):
            relative = path.relative_to(REPO_ROOT)
            parts = set(relative.parts[:-1])
            if parts & SKIPPED_PARTS or path.name in SKIPPED_NAMES:
                continue
            if "management" in parts and "commands" in parts:
                continue
            yield path


def is_write_layer(path: Path) -> bool:
    """API modules and packages, views, serializers, admin screens and hooks: they call actions."""
    relative = path.relative_to(REPO_ROOT)
    if relative.as_posix() in NOT_A_REQUEST_LAYER:
        return False
    dirs, name = relative.parts[:-1], relative.name
    if relative.parts[0] == "api" or "api" in dirs or "serializers" in dirs:
        return True
    return name in {
        "api.py",
        "views.py",
        "admin_views.py",
        "hooks.py",
        "wagtail_hooks.py",
        "serializers.py",
    }


def _chain(node: ast.expr) -> Iterator[ast.expr]:
    """The receiver and everything it is built on: ``a.b(c).d`` → ``a.b(c).d``, ``a.b(c)``, ``a.b``, ``a``."""
    while True:
        yield node
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return


def _is_super_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def is_model_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in WRITE_METHODS:
        return False
    receiver = func.value
    if _is_super_call(receiver):
        return True
    if func.attr == "save":
        name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        if "serializer" in name.lower() or any(k.arg == "update_fields" for k in call.keywords):
            return True
    for link in _chain(receiver):
        if isinstance(link, ast.Attribute) and (link.attr == "objects" or link.attr.endswith("_set")):
            return True
        if (
            isinstance(link, ast.Call)
            and isinstance(link.func, ast.Attribute)
            and link.func.attr in QUERYSET_METHODS
        ):
            return True
        if isinstance(link, ast.Name) and link.id.endswith("_set"):
            return True
    return False


def writes_in(node: ast.AST) -> Iterator[int]:
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and is_model_write(child):
            yield child.lineno


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(REPO_ROOT)}:{line}"


def model_writes_outside_actions() -> list[str]:
    return [
        where(path, line)
        for path in python_files()
        if is_write_layer(path)
        for line in writes_in(parse(path))
    ]


def writing_get_handlers() -> list[str]:
    found = []
    for path in python_files():
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in GET_HANDLERS:
                found.extend(where(path, line) for line in writes_in(node))
    return sorted(set(found))


def report(title: str, offenders: list[str]) -> str:
    return f"{title} ({len(offenders)}):\n" + "\n".join(f"  {o}" for o in offenders)


def test_no_model_writes_outside_actions():
    offenders = model_writes_outside_actions()
    print(report("Model writes outside actions", offenders))
    assert not offenders, report(
        "Views, API modules, serializers, admin screens and hooks write models; "
        "move the write into an action and call it",
        offenders,
    )


def test_get_handlers_do_not_write():
    offenders = writing_get_handlers()
    print(report("GET handlers that write", offenders))
    assert not offenders, report(
        "GET handlers (get, list, retrieve, get_context_data, get_queryset) write", offenders
    )


# --- the scanner itself ---------------------------------------------------------------------


def _writes(source: str) -> list[int]:
    return list(writes_in(ast.parse(source)))


def test_the_scanner_tells_model_writes_from_other_calls():
    assert _writes("Post.objects.filter(pk=1).update(status='x')") == [1]
    assert _writes("Post.objects.create(title='x')") == [1]
    assert _writes("user.saved_posts_set.all().delete()") == [1]
    assert _writes("Post.objects.select_for_update().get(pk=1).save()") == [1]
    assert _writes("serializer.save()") == [1]
    assert _writes("self.serializer.save()") == [1]
    assert _writes("super().update(instance, data)") == [1]
    assert _writes("relation.save(update_fields=['decision'])") == [1]
    assert _writes("context.update(extra)") == []
    assert _writes("seen.update(ids)") == []
    assert _writes("cache.delete(key)") == []
    assert _writes("Post.objects.filter(pk=1).exists()") == []


def test_the_scanner_knows_the_layers_that_must_not_write():
    def layer(relative: str) -> bool:
        return is_write_layer(REPO_ROOT / relative)

    assert layer("api/views/projects.py") and layer("api/serializers/directory.py")
    assert layer("plugins/posts/api.py") and layer("plugins/mentoring/api/matches.py")
    assert layer("plugins/posts/admin_views.py") and layer("plugins/posts/wagtail_hooks.py")
    assert layer("cms/hooks.py") and layer("cms/views.py")
    assert not layer("plugins/posts/actions.py") and not layer("plugins/posts/mailing.py")
    assert not layer("cms/organisations/actions.py") and not layer("cms/outbox/api.py")
