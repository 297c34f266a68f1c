"""The fictional sample workspace: who is in it (``data``) and how it is built (``generate``).

Not part of the domain: it only uses ``core`` to make believable records, for
``prospect sample``, the home screen's ``d``, the screenshots and the benchmarks.
"""
