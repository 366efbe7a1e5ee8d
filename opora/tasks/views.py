from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.tasks.domain import complete_task, open_tasks_of, visible_tasks


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="Как е изпълнена",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Опишете как е изпълнена задачата (кого, кога и как уведомихте)."
        },
    )


@centre_view("tasks.view_task")
def task_list(request):
    visible = visible_tasks(request.user, request.centre)
    done = visible.filter(done_at__isnull=False).select_related("case", "done_by")
    return render(
        request,
        "tasks/list.html",
        {
            "open": open_tasks_of(request.user, request.centre),
            "done": done.order_by("-done_at")[:30],
            "form": CompleteForm(),
            "nav": "tasks",
        },
    )


@centre_view("tasks.complete_task")
@require_POST
def complete(request, task_id: int):
    task = get_object_or_404(visible_tasks(request.user, request.centre), pk=task_id)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
    else:
        try:
            complete_task(task, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Задачата е отбелязана като изпълнена.")
    return redirect("tasks:list", centre=request.centre.slug)
