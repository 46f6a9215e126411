"""Personal data across every area: a subject access export of one member, and
retention (erasing former members' details when due). It sits above the areas it reads.

Other packages and the command line use ``subject_access`` and ``retention``.
"""
