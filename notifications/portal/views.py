from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.models import RoleName
from notifications.selectors import messages_for
from revcare.portal import role_required


@role_required(RoleName.CUSTOMER)
def customer_messages(request):
    page = Paginator(messages_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/messages.html", {"page": page})
