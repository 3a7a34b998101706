from django.urls import path

from visions import questionnaire, sharing_views, views

urlpatterns = [
    path("", views.vision_list, name="vision_list"),
    path("new/", views.vision_new, name="vision_new"),
    path("compare/", views.profiles_compare, name="profiles_compare"),
    path("<int:vision_id>/edit/", views.vision_edit, name="vision_edit"),
    path("<int:vision_id>/profile/", views.vision_profile, name="vision_profile"),
    path("<int:vision_id>/answers/", views.vision_answers, name="vision_answers"),
    path("<int:vision_id>/sharing/", sharing_views.vision_sharing, name="vision_sharing"),
    path("<int:vision_id>/history/", views.vision_history, name="vision_history"),
    path("<int:vision_id>/history/compare/", views.vision_compare, name="vision_compare"),
    path(
        "<int:vision_id>/history/<int:number>/restore/",
        views.vision_restore,
        name="vision_restore",
    ),
    path("<int:vision_id>/archive/", views.vision_archive_toggle, name="vision_archive"),
    path("<int:vision_id>/delete/", views.vision_delete_confirm, name="vision_delete"),
    path(
        "<int:vision_id>/questionnaire/",
        questionnaire.questionnaire_resume,
        name="questionnaire_resume",
    ),
    path(
        "<int:vision_id>/questionnaire/<slug:slug>/",
        questionnaire.questionnaire_step,
        name="questionnaire_step",
    ),
]
