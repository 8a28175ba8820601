"""Login throttling with django-axes: which address a login attempt comes from, and the page a
locked-out editor sees (see the AXES_* settings)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

LOCKED_OUT = (
    "Too many failed logins for this account from your address: try again in 15 minutes. "
    "Your password was not checked."
)


def client_ip(request: HttpRequest) -> str | None:
    """The address the outermost of our ``LOGIN_PROXY_COUNT`` proxies saw the client at.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies the N-th address from the right is the client's; anything further left was sent by
    the client and could be forged. A header shorter than that did not pass through all of them:
    fall back to the connection's own address.
    """
    proxies = settings.LOGIN_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class LockedOutForm(AdminAuthenticationForm):
    """The admin's login form, showing the lock-out instead of checking the password."""

    def clean(self):
        raise forms.ValidationError(LOCKED_OUT, code="locked_out")


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """The admin's own login page with the lock-out as its error (HTTP 429), so an editor sees
    why the right password did not work and when to try again."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LockedOutForm(request, data={"username": username, "password": "-"})
    form.is_valid()
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "app_path": request.get_full_path(),
        "form": form,
        "username": username,
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME)
        or request.GET.get(REDIRECT_FIELD_NAME)
        or reverse("admin:index"),
    }
    # Rendered here: axes swaps this in after the view, past where Django renders responses.
    return render(request, "admin/login.html", context, status=429)
