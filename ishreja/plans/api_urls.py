from django.urls import path

from ishreja.plans import api

app_name = "api"
urlpatterns = [
    path("plans/", api.plan_list, name="plan-list"),
    path("plans/<int:pk>/", api.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/items/<int:item_pk>/", api.item_detail, name="item-detail"),
]
