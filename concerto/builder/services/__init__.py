"""The process builder's writes: every change is a typed service function that owns its
transaction and writes one audit row (actions ``builder.…``). A rule broken raises
:class:`BuilderError` (a French message, the form field it concerns) and nothing is saved."""
