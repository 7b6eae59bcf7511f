"""API fixtures live in tests/conftest.py (client_for, api, held): the trust tests use them too."""
