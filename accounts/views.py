from django.views.generic import TemplateView

from territory.scoping import scope_of


class HomeView(TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(scope_unit=scope_of(self.request.user).unit, **kwargs)
