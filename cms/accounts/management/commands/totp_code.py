"""Print the current TOTP code of an account (development and demos only)."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.accounts.models import User


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account, to pass its second factor."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="admin@helix.example")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("totp_code is for development installations only.")
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No account {options['email']}.")
        authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(f"{user.email} has no TOTP second factor.")
        secret = decrypt(authenticator.data["secret"])
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(secret, current)))
