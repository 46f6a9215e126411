"""Who may do what: user accounts and sign-in, roles and permissions, the audit trail
with its hash chain, and the health check of a file (`mutualdesk check`).

Other packages use ``roles.Actor``/``Permission``, ``audit.record`` and ``auth``.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "audit",
    "auth",
    "reports",
    "roles",
]
