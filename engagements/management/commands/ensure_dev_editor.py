"""Create the local editor account that `make run` prints, once; later runs only print it.

Development only: it refuses to run with DEBUG off, so no deployment gets a known password.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create (once) a local editor account for trying the admin, and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_editor is for local development only (DEBUG is off).")
        password_file = settings.BASE_DIR / ".dev-editor-password"
        user = User.objects.filter(username=USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(USERNAME, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name="Editors"))
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            verb = "Created"
        elif password_file.exists():
            password = password_file.read_text().strip()
            verb = "Using"
        else:
            password = "(set by you; `manage.py changepassword editor` resets it)"
            verb = "Using"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the local editor account — log in at /admin/ as "
                f"{USERNAME!r} with password {password}"
            )
        )
