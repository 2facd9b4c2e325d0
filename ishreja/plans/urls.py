from django.urls import path

from ishreja.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("create/", views.plan_create, name="create"),
    path("upload/", views.plan_upload, name="upload"),
    path("upload/<str:token>/confirm/", views.plan_upload_confirm, name="upload-confirm"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/download/<str:fmt>/", views.plan_download, name="download"),
    path("<int:pk>/rollover/", views.plan_rollover, name="rollover"),
    path("<int:pk>/use-template/", views.plan_from_template, name="use-template"),
    path("<int:pk>/compare/<int:other>/", views.plan_compare, name="compare"),
    path("<int:pk>/comments/create/", views.comment_create, name="comment-create"),
    path("<int:pk>/items/create/", views.item_create, name="item-create"),
    path("<int:pk>/items/<int:item_pk>/edit/", views.item_edit, name="item-edit"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item-delete"),
    path("<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item-move"),
    path("<int:pk>/sections/create/", views.section_save, name="section-create"),
    path("<int:pk>/sections/<int:section_pk>/edit/", views.section_save, name="section-edit"),
    path("<int:pk>/sections/<int:section_pk>/delete/", views.section_delete, name="section-delete"),
    path("<int:pk>/sections/<int:section_pk>/move/", views.section_move, name="section-move"),
    path("<int:pk>/<str:action>/", views.plan_action, name="action"),
]
