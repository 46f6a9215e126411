"""Who may do what: user accounts and sign-in, roles and permissions, the audit trail
with its hash chain, and the health check of a file (`mutualdesk check`).

Other packages use ``roles.Actor``/``Permission``, ``audit.record`` and ``auth``.
"""
