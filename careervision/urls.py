from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from visions import views as vision_views

urlpatterns = [
    path("", vision_views.home, name="home"),
    path("profile/", account_views.profile, name="profile"),
    path("visions/", include("visions.urls")),
    path("", include("visions.sharing_urls")),
    path("", include("goals.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("goals.calendar_urls")),
    path("", include("goals.comment_urls")),
    path("admin/", admin.site.urls),
]
