"""Python strings people read go through gettext: model and field names (the Django admin's
column headers), form labels and placeholders, flash messages, validation errors, e-mail
subjects, error messages shown to people. The sources are read as syntax trees; the models
and forms are also checked as Django builds them."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.utils.functional import Promise

import concerto
from tests.i18n.catalogue import ROOT

LETTER = re.compile(r"[^\W\d_]")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
}
# Read by operators or developers, not by a city's staff or residents: the command line
# (management commands, start-up checks, settings), the OpenAPI schema of the open API
# (pydantic wants plain strings), and demo content (the texts of a demo city, not the interface).
NOT_INTERFACE = re.compile(
    r"/migrations/|/management/|/demo/|/demo\.py$|/demo_data\.py$|/schemas\.py$|"
    r"^concerto/api/|/settings(_test)?\.py$|^concerto/core/(checks|env)\.py$|"
    r"/synthesis/analysis/"
)
KEYWORDS = {"verbose_name", "verbose_name_plural", "label", "help_text", "empty_label"}
CLASS_ATTRIBUTES = {"verbose_name", "verbose_name_plural", "empty_value_display"}
# Errors whose message is shown to people (a page, a flash message, a form error). Not Http404:
# the 404 page (core.views.not_found) never shows its message.
SHOWN_ERRORS = {"ValidationError", "PermissionDenied"}
MESSAGE_FUNCTIONS = {"success", "info", "warning", "error", "debug", "add_message"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _bare(node: ast.expr | None) -> bool:
    """A literal string with letters that no gettext call wraps."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and LETTER.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_bare(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.Call) and _name(node.func) in ("format", "join"):
        return isinstance(node.func, ast.Attribute) and _bare(node.func.value)
    return False


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.classes: list[set[str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append({_name(base) for base in node.bases})
        self.generic_visit(node)
        self.classes.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id in CLASS_ATTRIBUTES and _bare(node.value):
                self.found.append((node.lineno, target.id))
        bases = self.classes[-1] if self.classes else set()
        if bases & {"TextChoices", "IntegerChoices", "Choices"}:
            value = node.value
            if isinstance(value, ast.Tuple) and len(value.elts) >= 2 and _bare(value.elts[-1]):
                self.found.append((node.lineno, "libellé de choix"))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        function = _name(node.func)
        if function in GETTEXT:
            return
        for keyword in node.keywords:
            if keyword.arg in KEYWORDS and _bare(keyword.value):
                self.found.append((node.lineno, f"{function}({keyword.arg}=…)"))
            if keyword.arg == "description" and function == "display" and _bare(keyword.value):
                self.found.append((node.lineno, "admin.display(description=…)"))
            if keyword.arg == "subject" and _bare(keyword.value):
                self.found.append((node.lineno, "subject=…"))
            if keyword.arg == "choices" and isinstance(keyword.value, ast.List | ast.Tuple):
                for choice in keyword.value.elts:
                    if (
                        isinstance(choice, ast.Tuple)
                        and len(choice.elts) == 2
                        and _bare(choice.elts[1])
                    ):
                        self.found.append((node.lineno, "choices=…"))
        args = node.args
        shown = (
            (function in SHOWN_ERRORS and args[:1])
            or (function == "add_error" and args[1:2])
            or (
                function in MESSAGE_FUNCTIONS
                and _name(getattr(node.func, "value", node)) == "messages"
                and args[1:2]
            )
            or (function == "send_mail" and args[:1])
        )
        if shown and _bare(shown[0]):
            self.found.append((node.lineno, f"{function}(…)"))
        self.generic_visit(node)


def bare_strings(source: str) -> list[tuple[int, str]]:
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found


SOURCES = sorted(
    path
    for path in (ROOT / "concerto").rglob("*.py")
    if not NOT_INTERFACE.search(str(path.relative_to(ROOT)).replace("\\", "/"))
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_no_user_facing_python_string_outside_gettext(path: Path):
    found = bare_strings(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.name}, ligne {line} : {what}" for line, what in found)


@pytest.mark.parametrize(
    "source",
    [
        'f = forms.CharField(label="Nom")',
        'messages.success(request, "Enregistré.")',
        'raise ValidationError("Trop long.")',
        'send_mail(subject=f"Votre contribution {n}", message=m)',
        "class Kind(models.TextChoices):\n    A = 'a', 'Atelier'",
        "class Meta:\n    verbose_name = 'lot'",
        'self.add_error("end", "La fin précède le début.")',
    ],
)
def test_the_finder_finds_a_bare_string(source: str):
    assert bare_strings(source)


def test_the_finder_lets_gettext_through():
    source = (
        'f = forms.CharField(label=_("Nom"))\n'
        'messages.success(request, _("%(n)d enregistré") % {"n": 1})\n'
        'raise ValidationError(_("Trop long."), code="long")\n'
        'self.add_error("end", _("La fin précède le début."))\n'
    )
    assert not bare_strings(source)


# --- As Django builds them --------------------------------------------------------------


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("concerto.")]


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m._meta.label)
def test_every_model_has_french_names_singular_and_plural(model):
    """The Django admin shows them: no "answer" column, no "Lot de numérisationss"."""
    declared = model._meta.original_attrs
    assert isinstance(declared.get("verbose_name"), Promise), "Meta.verbose_name = _(…)"
    assert isinstance(declared.get("verbose_name_plural"), Promise), (
        "Meta.verbose_name_plural = _(…)"
    )
    for field in model._meta.get_fields():
        if field.concrete and not field.auto_created:
            assert isinstance(field.verbose_name, Promise), f"{field.name} : verbose_name=_(…)"
            for _value, label in field.flatchoices or []:
                assert isinstance(label, Promise), f"{field.name} : libellé de choix {label!r}"


def _project_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(concerto.__path__, "concerto."):
        if ".migrations" in module_info.name or ".management" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _unused, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _dash_placeholders(fields: dict[str, forms.Field]) -> list[str]:
    found = []
    for name, field in fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None and str(field.empty_label).startswith("---"):
                found.append(name)
        elif isinstance(field, forms.ChoiceField) and any(
            str(label).startswith("---") for _value, label in field.choices
        ):
            found.append(name)
    return found


FORMS = _project_forms()


def test_the_forms_are_found():
    assert len(FORMS) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_dashed_placeholder_in_a_select(form_class):
    """Django's "---------" is not a French label: say "Choisir…", "Toutes", "non indiqué"."""
    try:
        fields = form_class().fields
    except (TypeError, KeyError, AttributeError):  # needs its arguments: the class is checked
        fields = form_class.base_fields
    assert not _dash_placeholders(fields)
