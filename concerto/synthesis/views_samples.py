"""Double coding: the samples, the independent coding of one sampled contribution, the
end of an analyst's work, and the agreement (Cohen's kappa per theme)."""

from __future__ import annotations

import secrets
from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concerto.backoffice.permissions import staff_view
from concerto.contributions.models import Answer
from concerto.core.roles import can
from concerto.synthesis import sample_services as ss
from concerto.synthesis.agreement import agreement
from concerto.synthesis.codebook_services import codebook_for
from concerto.synthesis.forms import ReviewForm, SampleForm, ordered_themes
from concerto.synthesis.models import CodingSample, SampleItem, SampleReview
from concerto.synthesis.passages import segments
from concerto.synthesis.permissions import ACCESS
from concerto.synthesis.views import context, error, process_of, user_of


@staff_view("samples", table=ACCESS)
def samples(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    form = SampleForm(request.POST or None, initial={"seed": secrets.randbelow(10**6)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sample = ss.sample_create(
                    process=process,
                    size=data["size"],
                    seed=data["seed"],
                    coder_a=data["coder_a"],
                    coder_b=data["coder_b"],
                    actor=user_of(request),
                )
            except ss.SampleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Échantillon tiré au sort."))
                return redirect("synthesis:sample", slug=process.slug, pk=sample.pk)
        status = 400
    items = CodingSample.objects.filter(process=process).select_related("coder_a", "coder_b")
    return render(
        request,
        "synthesis/samples.html",
        context(process, "samples", form=form, samples=items),
        status=status,
    )


def _sample(slug: str, pk: int) -> CodingSample:
    return get_object_or_404(
        CodingSample.objects.select_related("coder_a", "coder_b", "process"),
        pk=pk,
        process__slug=slug,
    )


@staff_view("sample", table=ACCESS)
def sample(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    item = _sample(slug, pk)
    user = user_of(request)
    visible = ss.reviews_visible_to(item, user)
    entries = list(item.items.select_related("contribution"))
    answers: dict[int, int] = defaultdict(int)
    for contribution_id in Answer.objects.filter(
        contribution__in=[e.contribution_id for e in entries]
    ).values_list("contribution_id", flat=True):
        answers[contribution_id] += 1
    done: dict[int, set[int]] = defaultdict(set)  # contribution -> coders (visible ones)
    for contribution_id, coder_id in SampleReview.objects.filter(
        sample=item, coder_id__in=visible
    ).values_list("answer__contribution_id", "coder_id"):
        done[contribution_id].add(coder_id)
    rows = [
        {
            "item": entry,
            "answers": answers[entry.contribution_id],
            "mine": user.pk in done[entry.contribution_id],
        }
        for entry in entries
    ]
    is_coder = item.is_coder(user)
    return render(
        request,
        "synthesis/sample.html",
        context(
            process,
            "samples",
            sample=item,
            rows=rows,
            is_coder=is_coder,
            my_finished_at=item.finished_at_for(user),
            remaining=ss.remaining(item, user) if is_coder else None,
            can_code=can(user, "synthesis.code"),
        ),
    )


@staff_view("sample_item", table=ACCESS)
def item(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    entry = get_object_or_404(
        SampleItem.objects.select_related("sample__coder_a", "sample__coder_b", "contribution"),
        pk=pk,
        sample__process__slug=slug,
    )
    current = entry.sample
    user = user_of(request)
    if not current.is_coder(user) and not current.is_finished:
        raise Http404(_("Seul·e·s les deux analystes de l'échantillon le codent avant la fin."))
    themes = ordered_themes(codebook_for(process))
    answers = list(
        Answer.objects.filter(contribution=entry.contribution).select_related("question")
    )
    visible = ss.reviews_visible_to(current, user)
    reviews = {
        (r.answer_id, r.coder_id): r
        for r in SampleReview.objects.filter(
            sample=current, answer__in=answers, coder_id__in=visible
        ).prefetch_related("themes")
    }
    editable = current.is_coder(user) and current.finished_at_for(user) is None
    posted = request.POST.get("answer") if request.method == "POST" else None
    forms = {}
    for answer in answers:
        mine = reviews.get((answer.pk, user.pk))
        initial = {"themes": [t.pk for t in mine.themes.all()], "note": mine.note} if mine else {}
        forms[answer.pk] = ReviewForm(
            request.POST if posted == str(answer.pk) else None,
            initial=initial,
            answer=answer,
            themes=themes,
        )
    status = 200
    if request.method == "POST":
        form = forms.get(int(posted)) if posted and posted.isdecimal() else None
        if form is None or not editable:
            messages.error(request, _("Vous ne pouvez pas coder cette réponse de l'échantillon."))
            return redirect("synthesis:sample_item", slug=process.slug, pk=entry.pk)
        if form.is_valid():
            try:
                ss.sample_review(
                    sample=current,
                    answer=form.answer,
                    themes=list(form.cleaned_data["themes"]),
                    note=form.cleaned_data["note"],
                    actor=user,
                )
            except ss.SampleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Décision enregistrée."))
                return redirect("synthesis:sample_item", slug=process.slug, pk=entry.pk)
        status = 400
    following = current.items.filter(position__gt=entry.position).first()
    return render(
        request,
        "synthesis/sample_item.html",
        context(
            process,
            "samples",
            sample=current,
            entry=entry,
            editable=editable,
            next_item=following,
            answers=[
                {
                    "answer": a,
                    "segments": segments(a.shown_text),
                    "form": forms[a.pk],
                    "reviews": [
                        reviews[(a.pk, coder)]
                        for coder in (current.coder_a_id, current.coder_b_id)
                        if (a.pk, coder) in reviews
                    ],
                }
                for a in answers
            ],
        ),
        status=status,
    )


@staff_view("sample_finish", table=ACCESS)
def finish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = _sample(slug, pk)
    try:
        ss.sample_finish(sample=current, actor=user_of(request))
    except ss.SampleError as exc:
        error(request, exc)
    else:
        messages.success(request, _("Votre codage de l'échantillon est terminé."))
    return redirect("synthesis:sample", slug=slug, pk=current.pk)


@staff_view("agreement", table=ACCESS)
def agreement_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    current = _sample(slug, pk)
    return render(
        request,
        "synthesis/agreement.html",
        context(
            process,
            "samples",
            sample=current,
            agreement=agreement(current) if current.is_finished else None,
        ),
    )
