from datetime import timedelta

from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import RoleName
from accounts.selectors import mechanic_by_public_id
from bookings import selectors, services
from bookings.api import serializers
from bookings.models import CustodyStage, DecisionChannel
from revcare.api.pagination import CountedQuerySet
from revcare.api.parsers import PHOTOS, PHOTOS_OR_JSON
from revcare.api.permissions import admin_only
from revcare.api.schema import error_responses
from revcare.api.viewsets import ApiViewSet


class AssignmentTypeViewSet(ApiViewSet):
    """Master data: what a mechanic can be assigned to do."""

    input_serializer_class = output_serializer_class = serializers.AssignmentTypeSerializer
    required_scopes = {"list": "READ:UTILS", "retrieve": "READ:UTILS", "create": "WRITE:UTILS",
                       "update": "UPDATE:UTILS", "destroy": "DELETE:UTILS"}

    def get_queryset(self):
        return selectors.assignment_type_list()

    def create_object(self, data):
        return services.assignment_type_create(**data)

    def update_object(self, instance, data):
        return services.assignment_type_update(assignment_type=instance, **data)

    def delete_object(self, instance):
        services.assignment_type_delete(assignment_type=instance)


class BookingViewSet(ApiViewSet):
    """The customer's booking lifecycle (admins may act on any booking, e.g. for a walk-in)."""

    output_serializer_class = serializers.BookingDetailSerializer
    required_scopes = {"create": "WRITE:BOOKINGS", "retrieve": "READ:BOOKINGS", "customer_list": "READ:BOOKINGS",
                       "confirm_services": "UPDATE:BOOKED_SERVICES", "line_decision": "UPDATE:BOOKED_SERVICES",
                       "custody_dispute": "UPDATE:BOOKINGS",
                       "cancel": "UPDATE:BOOKINGS"}
    filter_backends = []

    def get_serializer_class(self):
        return {"create": serializers.BookingCreateInputSerializer}.get(self.action, self.output_serializer_class)

    def get_serializer_context(self):
        condensed = getattr(self.request.user, "role_id", None) == RoleName.CUSTOMER
        return {**super().get_serializer_context(), "condensed": condensed}

    def booking_or_404(self, booking_id: int):
        booking = selectors.booking_detail(user=self.request.user, booking_id=booking_id)
        if booking is None:
            raise Http404
        return booking

    def create(self, request, *args, **kwargs):
        data = self.validated_input()
        data["services"] = [dict(row) for row in data["services"]]
        data.setdefault("drop_timeslot", data["pickup_timeslot"])
        customer = services.booking_customer_for(actor=request.user, customer_public_id=data.pop("customer_id", None))
        booking = services.booking_create(customer=customer, created_by=request.user, **data)
        return self.output(self.booking_or_404(booking.pk), status.HTTP_201_CREATED)

    def retrieve(self, request, booking_id: int):
        return self.output(self.booking_or_404(booking_id))

    @extend_schema(parameters=[serializers.CustomerListQuerySerializer],
                   responses={200: serializers.BookingListSerializer(many=True)})
    def customer_list(self, request):
        """Your own bookings, newest first, with the condensed statuses customers see."""
        query = self.validated_query(serializers.CustomerListQuerySerializer)
        bookings = selectors.customer_booking_list(customer=request.user, shown_status=query.get("status"))
        return self.output_page(bookings, serializer_class=serializers.BookingListSerializer)

    @extend_schema(request=serializers.ConfirmServicesInputSerializer,
                   responses={200: serializers.BookingConfirmSerializer},
                   description="cod starts the work at once. online answers the Razorpay order to pay "
                               "(`payment`: order_id, amount in paise, currency, key_id); the booking waits "
                               "in analysed until the payment is verified.")
    def confirm_services(self, request, booking_id: int):
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(serializers.ConfirmServicesInputSerializer)
        confirmation = services.booking_confirm_services(booking_id=booking.pk, actor=request.user,
                                                         channel=DecisionChannel.API, **data)
        detail = self.booking_or_404(booking.pk)
        detail.checkout = confirmation.payment
        return self.output(detail, serializer_class=serializers.BookingConfirmSerializer)

    @extend_schema(request=serializers.LineDecisionInputSerializer,
                   responses={200: serializers.BookingDetailSerializer},
                   description="Approve or decline one line whose price the garage changed after the work started "
                               "(its status is booked again). The decision is kept with the price seen; work on "
                               "the line waits for it.")
    def line_decision(self, request, booking_id: int, service_id: int):
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(serializers.LineDecisionInputSerializer)
        services.line_decide(booking_id=booking.pk, service_id=service_id, approve=data["approve"],
                             actor=request.user, channel=DecisionChannel.API)
        return self.output(self.booking_or_404(booking.pk))

    @extend_schema(request=serializers.CustodyDisputeInputSerializer,
                   responses={200: serializers.CustodyRecordSerializer},
                   description="Question a handover record (pickup or drop); the garage sees it on the timeline.")
    def custody_dispute(self, request, booking_id: int, stage: str):
        booking = self.booking_or_404(booking_id)
        if stage not in CustodyStage.values:
            raise Http404
        data = self.validated_input(serializers.CustodyDisputeInputSerializer)
        record = services.custody_dispute(booking_id=booking.pk, stage=stage, actor=request.user, note=data["note"])
        return self.output(record, serializer_class=serializers.CustodyRecordSerializer)

    @extend_schema(request=serializers.CancelInputSerializer, responses={200: serializers.CancellationSerializer})
    def cancel(self, request, booking_id: int):
        """Cancel, with the fee of domain.md; the answer says the fee and any refund."""
        booking = self.booking_or_404(booking_id)
        data = self.validated_input(serializers.CancelInputSerializer)
        cancellation = services.booking_cancel(booking_id=booking.pk, actor=request.user, reason=data["reason"])
        return self.output(cancellation, serializer_class=serializers.CancellationSerializer)


class BookingAdminViewSet(ApiViewSet):
    """The admin desk's booking oversight."""

    output_serializer_class = serializers.BookingDetailSerializer
    required_scopes = {
        "dashboard": admin_only("READ:BOOKINGS"),
        "assign": "WRITE:BOOKING_ASSIGNMENT",
        "suggestions": "WRITE:BOOKING_ASSIGNMENT",
        "check_in": "UPDATE:BOOKING_PROGRESS",
        "check_out": "UPDATE:BOOKING_PROGRESS",
        "progress_edit": "UPDATE:BOOKING_PROGRESS",
        "progress_validate": "UPDATE:BOOKING_PROGRESS",
        "analysis_edit": "UPDATE:BOOKING_ANALYSIS",
        "analysis_validate": "UPDATE:BOOKING_ANALYSIS",
        "finding_delete": "UPDATE:BOOKING_ANALYSIS",
        "line_reprice": admin_only("UPDATE:BOOKED_SERVICES"),
        "efficiency": admin_only("READ:BOOKINGS"),
    }
    filter_backends = []

    def booking_output(self, booking_id: int):
        return self.output(selectors.booking_detail(user=self.request.user, booking_id=booking_id))

    @extend_schema(parameters=[serializers.DashboardQuerySerializer],
                   responses={200: serializers.DashboardRowSerializer(many=True)},
                   description="The page of bookings (with `action_required`) plus `summary`: counts per "
                               "status, today's pickups and drops, revenue.")
    def dashboard(self, request):
        query = self.validated_query(serializers.DashboardQuerySerializer)
        filters = {"status": query.get("status"), "date_from": query.get("date_from"),
                   "date_to": query.get("date_to"), "mechanic_public_id": query.get("mechanic_id"),
                   "customer_public_id": query.get("customer_id")}
        bookings = selectors.dashboard_bookings(**filters)
        summary = selectors.dashboard_summary()
        total = selectors.dashboard_total(summary, **filters)
        if total is not None:  # counting 100,000 bookings again would cost more than the page itself
            bookings = CountedQuerySet(bookings, total)
        response = self.output_page(bookings, serializer_class=serializers.DashboardRowSerializer)
        response.data["summary"] = serializers.DashboardSummarySerializer(summary).data
        return response

    @extend_schema(request=serializers.AssignInputSerializer, responses={201: serializers.AssignmentSerializer})
    def assign(self, request):
        data = self.validated_input(serializers.AssignInputSerializer)
        mechanic = mechanic_by_public_id(public_id=data["mechanic_id"])
        assignment = services.booking_assign(booking_id=data["booking_id"], mechanic=mechanic,
                                             assignment_type=data["assignment_type"], assigned_by=request.user)
        return self.output(assignment, status.HTTP_201_CREATED, serializer_class=serializers.AssignmentSerializer)

    @extend_schema(parameters=[serializers.SuggestionQuerySerializer],
                   responses={200: serializers.SuggestionSerializer(many=True)})
    def suggestions(self, request, booking_id: int):
        """Qualified mechanics for the assignment, least loaded first, then highest score."""
        if selectors.booking_detail(user=request.user, booking_id=booking_id) is None:
            raise Http404
        query = self.validated_query(serializers.SuggestionQuerySerializer)
        mechanics = selectors.mechanic_suggestions(assignment_type=query["assignment_type"])
        return self.output_page(mechanics, serializer_class=serializers.SuggestionSerializer)

    @extend_schema(request=None, responses={200: serializers.BookingDetailSerializer})
    def check_in(self, request, booking_id: int):
        """The customer brought the car in (self pickup): booked → received."""
        services.booking_check_in(booking_id=booking_id, admin=request.user)
        return self.booking_output(booking_id)

    @extend_schema(request=None, responses={200: serializers.BookingDetailSerializer})
    def check_out(self, request, booking_id: int):
        """The customer collected the car (self pickup): completed → delivered."""
        services.booking_check_out(booking_id=booking_id, admin=request.user)
        return self.booking_output(booking_id)

    @extend_schema(request=serializers.ProgressEditInputSerializer, responses={200: serializers.ProgressSerializer})
    def progress_edit(self, request, progress_id: int):
        data = self.validated_input(serializers.ProgressEditInputSerializer)
        progress = services.progress_edit(progress_id=progress_id, admin=request.user, **data)
        return self.output(progress, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=None, responses={200: serializers.ProgressSerializer})
    def progress_validate(self, request, progress_id: int):
        progress = services.progress_validate(progress_id=progress_id, admin=request.user)
        return self.output(progress, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=serializers.AnalysisEditInputSerializer, responses={200: serializers.AnalysisSerializer})
    def analysis_edit(self, request, booking_id: int):
        data = self.validated_input(serializers.AnalysisEditInputSerializer)
        data["quotes"] = [dict(row) for row in data.get("quotes", [])]
        analysis = services.analysis_edit(booking_id=booking_id, admin=request.user, **data)
        return self.output(analysis, serializer_class=serializers.AnalysisSerializer)

    @extend_schema(request=None, responses={200: serializers.AnalysisSerializer})
    def analysis_validate(self, request, booking_id: int):
        analysis = services.analysis_validate(booking_id=booking_id, admin=request.user)
        return self.output(analysis, serializer_class=serializers.AnalysisSerializer)


    @extend_schema(parameters=[serializers.EfficiencyQuerySerializer],
                   responses={200: serializers.EfficiencySerializer, **error_responses(422)})
    def efficiency(self, request):
        """Estimated against actual hours per mechanic and per service, with the formula used."""
        query = self.validated_query(serializers.EfficiencyQuerySerializer)
        today = timezone.localdate()
        figures = selectors.mechanic_efficiency(date_from=query.get("date_from") or today - timedelta(days=30),
                                                date_to=query.get("date_to") or today)
        return self.output(figures, serializer_class=serializers.EfficiencySerializer)

    @extend_schema(request=None, responses={204: None})
    def finding_delete(self, request, finding_id: int):
        """Remove a finding from an analysis that is not approved yet."""
        services.finding_delete(finding_id=finding_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=serializers.RepriceInputSerializer, responses={200: serializers.BookingDetailSerializer},
                   description="Change a line's quoted price. Once the work has started, a line the customer had "
                               "decided goes back to booked: it needs their approval again before work on it.")
    def line_reprice(self, request, booking_id: int, service_id: int):
        if selectors.booking_detail(user=request.user, booking_id=booking_id) is None:
            raise Http404
        data = self.validated_input(serializers.RepriceInputSerializer)
        services.line_reprice(booking_id=booking_id, service_id=service_id, price=data["price"], admin=request.user)
        return self.booking_output(booking_id)


class MechanicWorkViewSet(ApiViewSet):
    """The mechanic's own jobs. A booking never assigned to the caller answers 404."""

    output_serializer_class = serializers.MechanicAssignmentSerializer
    required_scopes = {"assignments": "READ:BOOKING_ASSIGNMENT", "analysis": "WRITE:BOOKING_ANALYSIS",
                       "findings": "WRITE:BOOKING_ANALYSIS", "finding_delete": "WRITE:BOOKING_ANALYSIS",
                       "custody": "WRITE:BOOKING_PROGRESS", "custody_confirm": "WRITE:BOOKING_PROGRESS",
                       "progress": "WRITE:BOOKING_PROGRESS"}
    # A handover comes with its walk-round photos; an analysis, a finding or a progress report may come without.
    action_parsers = {"analysis": PHOTOS_OR_JSON, "progress": PHOTOS_OR_JSON, "findings": PHOTOS_OR_JSON,
                      "custody": PHOTOS}
    filter_backends = []

    def assigned_booking_id(self, booking_id: int) -> int:
        booking = selectors.booking_assigned_to(mechanic=self.request.user, booking_id=booking_id)
        if booking is None:
            raise Http404
        return booking.pk

    @extend_schema(parameters=[OpenApiParameter("open", bool, description="true: open only; false: closed only")],
                   responses={200: serializers.MechanicAssignmentSerializer(many=True)})
    def assignments(self, request):
        query = self.validated_query(serializers.AssignmentListQuerySerializer)
        return self.output_page(selectors.mechanic_assignment_list(mechanic=request.user, is_open=query["open"]))

    @extend_schema(request=serializers.AnalysisInputSerializer, responses={201: serializers.AnalysisSerializer})
    def analysis(self, request):
        data = self.validated_input(serializers.AnalysisInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        data["quotes"] = [dict(row) for row in data["quotes"]]
        data["recommended"] = [dict(row) for row in data["recommended"]]
        analysis = services.analysis_submit(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(analysis, status.HTTP_201_CREATED, serializer_class=serializers.AnalysisSerializer)

    @extend_schema(request=serializers.ProgressInputSerializer, responses={201: serializers.ProgressSerializer},
                   description="A pickup reports received, a service in-progress, a drop delivered. When the garage "
                               "asks for the customer's handover code (off in a fresh install), a pickup or drop "
                               "answers 409 until POST /bookings/mechanic/custody and .../custody/confirm are done; "
                               "the 409 names the call to make.")
    def progress(self, request):
        data = self.validated_input(serializers.ProgressInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        progress = services.progress_post(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(progress, status.HTTP_201_CREATED, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=serializers.FindingInputSerializer,
                   responses={201: serializers.FindingSerializer},
                   description="Add a finding to your submitted analysis (until the garage approves it): severity, "
                               "note, photos, and the service that fixes it with its quoted price (added to the "
                               "booking as a recommended extra when it is not there yet).")
    def findings(self, request):
        data = self.validated_input(serializers.FindingInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        finding = services.finding_add(booking_id=booking_id, actor=request.user, **data)
        return self.output(selectors.finding_detail(finding_id=finding.pk, mechanic=request.user),
                           status.HTTP_201_CREATED,
                           serializer_class=serializers.FindingSerializer)

    @extend_schema(request=None, responses={204: None})
    def finding_delete(self, request, finding_id: int):
        """Take back a finding of your own analysis before the garage approves it."""
        finding = selectors.finding_detail(finding_id=finding_id, mechanic=request.user)
        if finding is None:
            raise Http404
        services.finding_delete(finding_id=finding.pk, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MechanicCustodyViewSet(MechanicWorkViewSet):
    output_serializer_class = serializers.CustodyRecordSerializer

    @extend_schema(request=serializers.CustodyInputSerializer,
                   responses={201: serializers.CustodyRecordSerializer},
                   description="At a pickup or drop you are assigned to: odometer, fuel level, walk-round photos. "
                               "When the garage asks for the customer's handover code (a garage setting, off in a "
                               "fresh install), emails the customer a one-time code (a new one each time it is "
                               "recorded again); otherwise the record is recommended and no code is sent.")
    def custody(self, request):
        data = self.validated_input(serializers.CustodyInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        record, _code = services.custody_record(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(record, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.CustodyConfirmInputSerializer,
                   responses={200: serializers.CustodyRecordSerializer},
                   description="The customer's code: the car has changed hands. Five wrong codes use it up. 409 "
                               "when the garage asks for no code.")
    def custody_confirm(self, request):
        data = self.validated_input(serializers.CustodyConfirmInputSerializer)
        booking_id = self.assigned_booking_id(data["booking_id"])
        return self.output(services.custody_confirm(booking_id=booking_id, mechanic=request.user, code=data["code"]))


class BookingPhotoView(APIView):
    """A photo of a booking (analysis, finding or progress report), for those who may see the booking."""

    required_scopes = {"get": "READ:BOOKINGS"}

    @extend_schema(operation_id="bookings_photo", responses={(200, "image/jpeg"): OpenApiTypes.BINARY,
                                                             **error_responses(401, 403, 404)})
    def get(self, request, kind: str, image_id: int):
        photo = selectors.photo_visible_to(user=request.user, kind=kind, image_id=image_id)
        if photo is None or not photo.image.storage.exists(photo.image.name):
            raise Http404
        response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class DeferredWorkViewSet(ApiViewSet):
    """Work customers left for later, and each car's history."""

    output_serializer_class = serializers.DeferredItemSerializer
    required_scopes = {"list": "READ:BOOKINGS", "dismiss": "UPDATE:BOOKINGS", "history": "READ:BOOKINGS"}
    filter_backends = []

    @extend_schema(parameters=[serializers.DeferredListQuerySerializer],
                   responses={200: serializers.DeferredItemSerializer(many=True)})
    def list(self, request):
        """Deferred items of the cars you may see (yours, as a customer), soonest due first."""
        query = self.validated_query(serializers.DeferredListQuerySerializer)
        status_wanted = None if query["status"] == "all" else query["status"]
        return self.output_page(selectors.deferred_items_visible_to(
            user=request.user, car_id=query.get("car_id"), status=status_wanted))

    @extend_schema(request=None, responses={200: serializers.DeferredItemSerializer})
    def dismiss(self, request, item_id: int):
        """No longer needed (done elsewhere, car sold): no more reminders about it."""
        item = selectors.deferred_items_visible_to(user=request.user, status=None).filter(pk=item_id).first()
        if item is None:
            raise Http404
        return self.output(services.deferred_item_dismiss(item=item))

    @extend_schema(responses={200: serializers.CarHistorySerializer})
    def history(self, request, car_id: int):
        """Every visit of the car (services, findings, invoice) and the work left for later."""
        history = selectors.car_history(user=request.user, car_id=car_id)
        if history is None:
            raise Http404
        return self.output(history, serializer_class=serializers.CarHistorySerializer)
