from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.permissions import PermissionRequiredMixin, user_can
from common.breadcrumbs import trail
from common.forms import apply_validation_error

from . import selectors, services
from .forms import ElectionForm


class CampaignListView(PermissionRequiredMixin, ListView):
    permission_action = "campaign.view"
    template_name = "elections/campaign_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.elections_visible_to(self.request.user).order_by("-election_start")

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_create = user_can(user, "campaign.create")
        return super().get_context_data(**kwargs, can_create=can_create,
                                        crumbs=trail((_("Election campaigns"), None)))


class CampaignCreateView(PermissionRequiredMixin, FormView):
    permission_action = "campaign.create"
    template_name = "elections/campaign_form.html"
    form_class = ElectionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            election = services.election_create(by=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The campaign was created with %(n)d hamlet elections.")
                         % {"n": election.hamlet_elections.count()})
        return redirect("elections:detail", pk=election.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, crumbs=trail(
            (_("Election campaigns"), reverse("elections:list")), (_("New campaign"), None)))


class CampaignDetailView(PermissionRequiredMixin, TemplateView):
    permission_action = "campaign.view"
    template_name = "elections/campaign_detail.html"

    def get_context_data(self, **kwargs):
        election = get_object_or_404(selectors.elections_visible_to(self.request.user), pk=kwargs["pk"])
        counts = selectors.hamlet_counts_by_district(election)
        user = self.request.user
        return super().get_context_data(
            election=election, counts=counts, total=sum(n for _label, n in counts),
            can_sync=user_can(user, "campaign.sync_hamlets"),
            crumbs=trail((_("Election campaigns"), reverse("elections:list")), (election.name, None)))


class CampaignSyncView(PermissionRequiredMixin, View):
    permission_action = "campaign.sync_hamlets"

    def post(self, request, pk):
        election = get_object_or_404(selectors.elections_visible_to(request.user), pk=pk)
        created = services.election_sync_hamlets(election=election)
        messages.success(request, _("%(n)d hamlet elections added for newly imported hamlets.") % {"n": created})
        return redirect("elections:detail", pk=election.pk)
