"""Sessions saved as a change, not as a whole.

Django's database sessions write back the whole session a request loaded. Two requests of one
browser at the same time then lose each other's changes: the last to finish wins. The app sends
several requests at once, and one of them renews the session (``SessionIdleMiddleware``) while
another, say, stores the key of an authenticator being set up; the renewal, loaded before that key
was stored, wrote the session back without it, and the code from the authenticator app was then
refused as incorrect.

This store remembers what it loaded. When it saves an existing session, it locks the stored row,
reads it again and applies only what this request changed (keys set, changed or removed), so the
changes of concurrent requests add up. A session deleted meanwhile (a log-out elsewhere) is not
brought back: the save fails as Django's does, with ``UpdateError``.

Set as ``SESSION_ENGINE = "cms.accounts.sessions"``.
"""

from __future__ import annotations

import copy

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router, transaction
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    _as_loaded: dict | None = None

    def load(self):
        data = super().load()
        self._as_loaded = copy.deepcopy(data)
        return data

    def save(self, must_create=False):
        loaded = self._as_loaded
        if must_create or loaded is None or self.session_key is None:
            super().save(must_create=must_create)
            self._as_loaded = copy.deepcopy(self._session_cache)
            return
        current = self._get_session()
        changed = {key: value for key, value in current.items() if key not in loaded or loaded[key] != value}
        removed = [key for key in loaded if key not in current]
        with transaction.atomic(using=router.db_for_write(self.model)):
            stored_row = (
                self.model.objects.select_for_update()
                .filter(session_key=self.session_key, expire_date__gt=timezone.now())
                .values_list("session_data", flat=True)
                .first()
            )
            if stored_row is not None:
                stored = self.decode(stored_row)
                for key in removed:
                    stored.pop(key, None)
                stored.update(changed)
                self._session_cache = stored
            super().save()
        self._as_loaded = copy.deepcopy(self._session_cache)
