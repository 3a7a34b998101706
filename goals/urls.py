from django.urls import path

from goals import coach_views, views

urlpatterns = [
    path("coach/", coach_views.coach_dashboard, name="coach_dashboard"),
    path("visions/<int:vision_id>/", views.vision_detail, name="vision_detail"),
    path("visions/<int:vision_id>/plan/", views.goals_plan, name="goals_plan"),
    path("visions/<int:vision_id>/goals/", views.goal_list, name="goal_list"),
    path("visions/<int:vision_id>/goals/new/", views.goal_new, name="goal_new"),
    path("visions/<int:vision_id>/timeline/", views.goal_timeline, name="goal_timeline"),
    path("visions/<int:vision_id>/vision.pdf", views.vision_pdf_download, name="vision_pdf"),
    path("goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:goal_id>/delete/", views.goal_delete_confirm, name="goal_delete"),
    path("goals/<int:goal_id>/move/", views.goal_move_view, name="goal_move"),
    path("goals/<int:goal_id>/actions/new/", views.action_new, name="action_new"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/done/", views.action_done, name="action_done"),
    path("actions/<int:action_id>/delete/", views.action_delete_view, name="action_delete"),
    path("actions/<int:action_id>/move/", views.action_move_view, name="action_move"),
]
