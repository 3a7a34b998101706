from django.urls import path

from visions import sharing_views

urlpatterns = [
    path("sharing/<int:share_id>/revoke/", sharing_views.share_revoke_view, name="share_revoke"),
    path(
        "sharing/<int:share_id>/accept/",
        sharing_views.share_accept_from_dashboard,
        name="share_accept",
    ),
    path("sharing/accept/<str:token>/", sharing_views.share_accept_link, name="share_accept_link"),
]
