from django.urls import path

from . import views

app_name = "aanvragen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
]
