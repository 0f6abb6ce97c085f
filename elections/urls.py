from django.urls import include, path

from . import views

app_name = "elections"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="list"),
    path("tao-moi/", views.CampaignCreateView.as_view(), name="create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="detail"),
    path("<int:pk>/dong-bo-ap/", views.CampaignSyncView.as_view(), name="sync"),
]

# The election-results pages keep their routes in their own package, mounted here so that their names
# stay in the "elections" namespace (e.g. elections:results).
urlpatterns.append(path("", include("elections.results.urls")))
urlpatterns.append(path("", include("elections.incidents.urls")))
