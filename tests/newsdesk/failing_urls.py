"""A URLconf for tests only: one view that fails, to see what production logs for a 500."""

from django.urls import path


def fail(request):
    raise RuntimeError("the view failed on purpose")


urlpatterns = [path("reports/broken/", fail)]
