from django.views.generic import TemplateView

from .scoping import user_scope


class HomeView(TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(scope_unit=user_scope(self.request.user).unit, **kwargs)
