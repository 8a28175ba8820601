from django.contrib import admin
from django.urls import include, path

from engagements.views import healthz

admin.site.site_header = "Alliance Tracker — editors"
admin.site.site_title = "Alliance Tracker"
admin.site.index_title = "Readouts, meetings and commitments"

urlpatterns = [
    path("admin/", admin.site.urls),
    # No trailing slash, as monitors expect; exempt from the HTTPS redirect (settings).
    path("healthz", healthz, name="healthz"),
    path("", include("engagements.urls")),
]
