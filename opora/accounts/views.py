from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from opora.accounts import domain
from opora.accounts.domain import two_factor
from opora.accounts.forms import AddStaffForm, MembershipForm
from opora.accounts.models import Membership
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error


@centre_view("accounts.view_staff")
def staff_list(request):
    memberships = (
        Membership.objects.filter(centre=request.centre)
        .select_related("user")
        .order_by("-is_active", "role", "user__last_name")
    )
    return render(request, "accounts/staff_list.html", {"memberships": memberships, "nav": "staff"})


@centre_view("accounts.manage_staff")
def staff_add(request):
    form = AddStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = domain.add_staff_member(
                centre=request.centre, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"{membership.user} е добавен/а като {membership.get_role_display().lower()}.",
            )
            return redirect("staff:list", centre=request.centre.slug)
    return render(request, "accounts/staff_add.html", {"form": form, "nav": "staff"})


@centre_view("accounts.manage_staff")
def staff_edit(request, membership_id: int):
    membership = _membership(request, membership_id)
    form = MembershipForm(request.POST or None, initial=_initial(membership))
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_membership(
                membership,
                actor=request.user,
                role=form.cleaned_data["role"],
                active=form.cleaned_data["is_active"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Промените за {membership.user} са записани.")
            return redirect("staff:list", centre=request.centre.slug)
    return _render_edit(request, membership, form)


@centre_view("accounts.reset_two_factor")
@require_POST
def staff_reset_two_factor(request, membership_id: int):
    """A lost phone: the member's app and recovery codes are removed, their sessions end."""
    membership = _membership(request, membership_id)
    try:
        two_factor.reset_member_two_factor(membership, actor=request.user)
    except DomainError as error:
        return _render_edit(
            request, membership, MembershipForm(initial=_initial(membership)), error, 400
        )
    messages.success(
        request,
        f"Двуфакторният вход на {membership.user} е нулиран. При следващото влизане "
        "служителят ще настрои приложението за кодове на новия си телефон.",
    )
    return redirect("staff:edit", centre=request.centre.slug, membership_id=membership.pk)


def _membership(request, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, centre=request.centre
    )


def _initial(membership: Membership) -> dict:
    return {"role": membership.role, "is_active": membership.is_active}


def _render_edit(request, membership, form, reset_error: DomainError | None = None, status=200):
    context = {
        "form": form,
        "membership": membership,
        "nav": "staff",
        "has_two_factor": two_factor.has_authenticator(membership.user),
        "reset_error": reset_error.message if reset_error else "",
    }
    return render(request, "accounts/staff_edit.html", context, status=status)
