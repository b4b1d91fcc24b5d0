from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


@login_required
def lijst(request):
    if not request.user.is_ambtsdrager:
        raise PermissionDenied
    return render(request, "aanvragen/lijst.html")
