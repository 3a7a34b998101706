from django.urls import path

from goals import comment_views

urlpatterns = [
    path("visions/<int:vision_id>/comments/", comment_views.comments, name="comment_list"),
    # The same address: posting to the conversation adds to it. Named for
    # what a POST does, so forms read {% url 'comment_create' vision.pk %}.
    path("visions/<int:vision_id>/comments/", comment_views.comments, name="comment_create"),
    path("comments/<int:comment_id>/edit/", comment_views.comment_edit, name="comment_edit"),
    path(
        "comments/<int:comment_id>/delete/",
        comment_views.comment_delete_view,
        name="comment_delete",
    ),
]
