"""The fictional sample workspace: who is in it (``data``) and how it is built (``generate``).

Not part of the domain: it only uses ``core`` to make believable records, for
``prospect sample``, the home screen's ``d``, the screenshots and the benchmarks.
"""

DEFAULT_PROSPECTS = 120
"""How many prospects the sample holds unless told: enough that a few dozen are in
their calling hours at any hour of the user's working day, wherever the user is
(see :data:`~prospect_tui.sample.generate.BANDS`)."""
