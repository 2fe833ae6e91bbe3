"""Public reading of contributions: the filtered list, the detail page, the files and the
open-data exports. Reads go through :mod:`concerto.contributions.selectors`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from concerto.contributions import display, exports, public_selectors, selectors
from concerto.contributions import search as french
from concerto.contributions.models import Attachment, Contribution
from concerto.core.pagecache import anonymous_page_cache
from concerto.processes.models import Channel
from concerto.processes.selectors import public_process_or_404


class ContributionFilterForm(forms.Form):
    """The GET form of the list. An unknown value is reported and ignored, never an error."""

    q = forms.CharField(
        label=gettext_lazy("Rechercher dans les textes"),
        required=False,
        max_length=selectors.SEARCH_MAX_LENGTH,
    )
    question = forms.TypedChoiceField(
        label=gettext_lazy("Question"), required=False, coerce=int, empty_value=None
    )
    neighbourhood = forms.TypedChoiceField(
        label=gettext_lazy("Quartier"), required=False, coerce=int, empty_value=None
    )
    profile = forms.ChoiceField(
        label=gettext_lazy("Profil"), required=False, choices=Contribution.Profile.choices
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Nature"), required=False, choices=Contribution.Kind.choices
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Canal"), required=False, choices=Channel.Kind.choices
    )

    def __init__(self, *args: Any, dimensions: selectors.ProcessDimensions, **kwargs: Any):
        super().__init__(*args, **kwargs)
        question = self.fields["question"]
        neighbourhood = self.fields["neighbourhood"]
        assert isinstance(question, forms.TypedChoiceField)
        assert isinstance(neighbourhood, forms.TypedChoiceField)
        question.choices = [(q.pk, str(q.number)) for q in dimensions.questions]
        neighbourhood.choices = [(n.pk, n.name) for n in dimensions.neighbourhoods]

    def filters(self) -> tuple[selectors.ContributionFilters, list[str]]:
        """The valid filters, and a French message for each value that was ignored."""
        self.is_valid()
        values: dict[str, Any] = {}
        ignored: list[str] = []
        for name, bound_field in self.fields.items():
            if name in self.errors:
                if name == "q":
                    ignored.append(
                        _("La recherche a été ignorée : elle dépasse %(max)d caractères.")
                        % {"max": selectors.SEARCH_MAX_LENGTH}
                    )
                else:
                    ignored.append(
                        _("Le filtre « %(label)s » demandé n'existe pas : il a été ignoré.")
                        % {"label": bound_field.label}
                    )
                continue
            value = self.cleaned_data.get(name)
            if name == "q" and value and not french.has_terms(value):
                ignored.append(
                    _(
                        "La recherche « %(q)s » ne contient aucun mot à chercher (seulement "
                        "de la ponctuation ou des mots trop courants) : elle a été ignorée."
                    )
                    % {"q": value[:60]}
                )
                continue
            if value not in (None, ""):
                values[name] = value
        return selectors.ContributionFilters(**values), ignored


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except (TypeError, ValueError):
        return 1


def _query_string(filters: selectors.ContributionFilters) -> str:
    params = {
        name: value
        for name in (*selectors.FACETS, "q")
        if (value := getattr(filters, name)) not in (None, "")
    }
    return urlencode(params)


@require_safe
@anonymous_page_cache
def contribution_list(request: HttpRequest, slug: str) -> HttpResponse:
    process, dimensions = public_selectors.process_and_dimensions(slug)
    form = ContributionFilterForm(request.GET, dimensions=dimensions)
    filters, ignored = form.filters()
    page = public_selectors.contribution_page(
        process, filters, _page_number(request.GET.get("page")), dimensions
    )
    return render(
        request,
        "contributions/list.html",
        {
            "process": process,
            "form": form,
            "filters": filters,
            "ignored": ignored,
            "page": page,
            "items": display.list_items(process, page.contributions),
            "facets": page.facets,
            "facet_options": display.facet_options(page.facets),
            "query_string": _query_string(filters),
            "is_filtered": any(getattr(filters, name) for name in (*selectors.FACETS, "q")),
        },
    )


@require_safe
@anonymous_page_cache
def contribution_detail(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    # One query for the contribution and its process (both published, or 404), one for its
    # answers, one for its files; the labels are worked out once in display.detail_page.
    contribution = public_selectors.contribution_for_page(receipt, slug=slug)
    if contribution.channel == Channel.Kind.WORK:
        # An original work has its own page: its title, the work and its transcript.
        return redirect("collective:work_detail", slug=slug, receipt=receipt)
    return render(
        request,
        "contributions/detail.html",
        {"contribution": contribution, "page": display.detail_page(contribution)},
    )


@require_safe
def attachment_file(request: HttpRequest, slug: str, receipt: str, pk: int) -> FileResponse:
    """A file of a published contribution. Never under its uploaded name (it may hold
    personal data), images inline and PDFs as downloads, in a sandbox."""
    attachment = selectors.public_attachment(slug, receipt, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    is_image = attachment.kind == Attachment.Kind.IMAGE
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=not is_image,
        filename=f"{receipt}-{attachment.pk}{attachment.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def export_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    return exports.csv_response(public_process_or_404(slug))


@require_safe
def export_json(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    return exports.json_response(public_process_or_404(slug))
