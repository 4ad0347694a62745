from django.core.paginator import Paginator
from django.shortcuts import render

from notifications.models import NotificationCategory, NotificationStatus
from notifications.selectors import messages_for
from notifications.services import notification_log
from revcare.portal import role_required
from revcare.roles import RoleName


@role_required(RoleName.CUSTOMER)
def customer_messages(request):
    page = Paginator(messages_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/messages.html", {"page": page})


@role_required(RoleName.ADMIN)
def notification_logs(request):
    """Every message sent or waiting, filtered by kind, state or recipient (email or public id)."""
    chosen = {name: request.GET.get(name, "").strip() for name in ("category", "status", "recipient")}
    category = chosen["category"] if chosen["category"] in NotificationCategory.values else None
    status = chosen["status"] if chosen["status"] in NotificationStatus.values else None
    rows = notification_log(category=category, status=status, recipient=chosen["recipient"] or None)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{name}={value}" for name, value in chosen.items() if value)
    return render(request, "desk/notification_logs.html", {
        "page": page, "chosen": chosen, "query": query,
        "categories": NotificationCategory.choices, "statuses": NotificationStatus.choices})
