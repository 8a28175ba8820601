from django.urls import path

from engagements import views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("officials/<slug:slug>/", views.official_detail, name="official_detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
]
