"""Forms of the public site that are not tied to a page type."""

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form without ``autofocus`` on the user name.

    Focus starts at the top of the page as on every other page, so that screen-reader users hear the heading and
    the explanation above the form ("reserved for partners", "this account has no access") before the fields.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
