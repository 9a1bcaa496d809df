"""``python manage.py employers_reconcile``: connect every approved employer with exactly the
talents it should be connected with (after installing or re-enabling the plugin on existing data).

Day to day the matching job reconciles only what changed; this walks all employers once.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.accounts.models import ApprovalStatus, Role, User
from plugins.employers.matching import Reconciled, reconcile_employer


class Command(BaseCommand):
    help = "Reconcile every approved employer's connections with consenting talents of its sectors."

    def handle(self, *args, **options):
        total = Reconciled()
        employers = User.objects.filter(
            role=Role.EMPLOYER, approval_status=ApprovalStatus.APPROVED, is_active=True
        )
        for employer in employers.iterator():
            result = reconcile_employer(employer)
            total.considered += result.considered
            total.created += result.created
            total.closed += result.closed
        self.stdout.write(
            f"{employers.count()} employers: {total.created} connections made, {total.closed} closed, "
            f"{total.considered} considered."
        )
