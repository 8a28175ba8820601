"""While the database is unreachable, answer 503 with Retry-After instead of the 500 page.

A lost or refused connection (or a pool that hands out none in time) is an outage, not a bug:
clients and monitors should retry, and nobody needs a traceback in the error log for each
request. Django closes the broken connection at the end of the request and opens a new one for
the next, so the site recovers by itself when the database is back.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import engines

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# Rendered without a request, so no context processor runs: the user, the session and anything
# else that would query the failing database stay untouched. It mirrors templates/500.html.
UNAVAILABLE_PAGE = engines["django"].from_string(
    """{% load static %}<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Temporarily unavailable · Alliance Tracker</title>
  <link rel="stylesheet" href="{% static 'css/app.css' %}">
</head>
<body>
  <header class="site-header"><div class="wrap site-header__inner"><a class="brand" href="/"><span class="brand__name">Alliance Tracker</span></a></div></header>
  <main id="main" class="wrap site-main">
    <div class="error-page">
      <p class="error-page__code">503</p>
      <h1>The record is temporarily unavailable</h1>
      <p>Our database cannot be reached at the moment. Please try again in a minute.</p>
    </div>
  </main>
</body>
</html>
"""  # noqa: E501
)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # One line, not a traceback per request while the outage lasts.
        logger.warning("Database unavailable, answered 503 for %s: %s", request.path, exception)
        response = HttpResponse(UNAVAILABLE_PAGE.render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
