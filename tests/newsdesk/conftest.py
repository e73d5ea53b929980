import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made in many tests here; a slow hash (the point in production) only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
