from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Alliance Tracker — editors"
admin.site.site_title = "Alliance Tracker"
admin.site.index_title = "Readouts, meetings and commitments"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("engagements.urls")),
]
