from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from careervision import views as site_views
from goals import privacy_views
from visions import views as vision_views

# The admin signs in through allauth too: its rate limits, and 2FA when set up.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", vision_views.home, name="home"),
    path("profile/", account_views.profile, name="profile"),
    path("privacy/", site_views.privacy, name="privacy"),
    path("healthz/", site_views.healthz, name="healthz"),
    path("profile/data.json", privacy_views.data_export, name="data_export"),
    path("profile/delete/", privacy_views.account_delete, name="account_delete"),
    path("visions/", include("visions.urls")),
    path("", include("visions.sharing_urls")),
    path("", include("goals.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("goals.calendar_urls")),
    path("", include("goals.comment_urls")),
    path("admin/", admin.site.urls),
]

handler500 = "careervision.views.server_error"
