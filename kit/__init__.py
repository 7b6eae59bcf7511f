"""The building blocks every app shares — the refusal a broken rule raises, API base
classes, strict filters, form helpers, versions for lost-update checks. It sits below
the apps and imports none of them (tests/project/test_layers.py keeps it so)."""
