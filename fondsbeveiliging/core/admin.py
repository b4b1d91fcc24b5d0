"""Admin helpers shared by the apps."""

from django.contrib.admin.utils import unquote
from django.http import Http404


class VerborgenIs404Mixin:
    """An object outside `get_queryset` answers 404 on its admin pages, like a missing one.

    Django redirects a missing object to the admin index; a role that may not see an object
    must not learn that it exists, and the project answers such requests with 404. Users
    without the model's view right keep Django's 403.
    """

    def get_object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None and self.has_view_or_change_permission(request):
            raise Http404
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.get_object_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.get_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)
