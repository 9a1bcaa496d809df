"""Capabilities: what a role may do, declared by the core and the plugins, assigned by admins.

A capability is a Django permission (``"posts.publish_post"``) that a plugin declares with
a label, a description and the roles that have it by default. ``migrate`` gives a newly
declared capability its default roles once; from then on the admins decide, in the
"Roles and permissions" screen, and ``migrate`` never reverts their choice. Code asks
``user.has_perm("posts.publish_post")``, never the role's name.
"""

from cms.capabilities.declared import Capability

__all__ = ["Capability"]
