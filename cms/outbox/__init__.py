"""The outbox: side effects written in the same transaction as their cause.

Usage inside an action::

    with transaction.atomic():
        ...change the models...
        outbox.enqueue("mail.send", payload={...}, key=f"approval:{user.pk}")

After the transaction commits, the row is sent to its dramatiq actor; the
periodic ``outbox.sweep`` job sends again every row that was not acknowledged
in time. Actors declared with :func:`cms.outbox.actors.outbox_actor` run a
row at most once to completion, so a retry never sends twice.
"""
