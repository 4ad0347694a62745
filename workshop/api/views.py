from datetime import timedelta

from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import mechanic_by_public_id
from bookings.selectors.access import booking_visible_to
from revcare.api.parsers import PHOTOS, PHOTOS_OR_JSON
from revcare.api.permissions import admin_only
from revcare.api.schema import error_responses
from revcare.api.viewsets import ApiViewSet
from workshop.api import serializers
from workshop.models import CustodyStage
from workshop.selectors.efficiency import mechanic_efficiency
from workshop.selectors.tablet import mechanic_assignment_list
from workshop.selectors.work import (
    assignment_type_list,
    booking_assigned_to,
    booking_detail,
    finding_detail,
    mechanic_suggestions,
    photo_visible_to,
)
from workshop.services.assignments import (
    assignment_type_create,
    assignment_type_delete,
    assignment_type_update,
    booking_assign,
)
from workshop.services.custody import custody_confirm, custody_dispute, custody_record
from workshop.services.findings import finding_add, finding_delete
from workshop.services.reports import (
    analysis_edit,
    analysis_submit,
    analysis_validate,
    progress_edit,
    progress_post,
    progress_validate,
)


class AssignmentTypeViewSet(ApiViewSet):
    """Master data: what a mechanic can be assigned to do."""

    input_serializer_class = output_serializer_class = serializers.AssignmentTypeSerializer
    required_scopes = {"list": "READ:UTILS", "retrieve": "READ:UTILS", "create": "WRITE:UTILS",
                       "update": "UPDATE:UTILS", "destroy": "DELETE:UTILS"}

    def get_queryset(self):
        return assignment_type_list()

    def create_object(self, data):
        return assignment_type_create(**data)

    def update_object(self, instance, data):
        return assignment_type_update(assignment_type=instance, **data)

    def delete_object(self, instance):
        assignment_type_delete(assignment_type=instance)


class WorkAdminViewSet(ApiViewSet):
    """The admin desk's hold on the work: assigning mechanics, checking their reports, efficiency."""

    output_serializer_class = serializers.AssignmentSerializer
    required_scopes = {
        "assign": "WRITE:BOOKING_ASSIGNMENT",
        "suggestions": "WRITE:BOOKING_ASSIGNMENT",
        "progress_edit": "UPDATE:BOOKING_PROGRESS",
        "progress_validate": "UPDATE:BOOKING_PROGRESS",
        "analysis_edit": "UPDATE:BOOKING_ANALYSIS",
        "analysis_validate": "UPDATE:BOOKING_ANALYSIS",
        "finding_delete": "UPDATE:BOOKING_ANALYSIS",
        "efficiency": admin_only("READ:BOOKINGS"),
    }
    filter_backends = []

    @extend_schema(request=serializers.AssignInputSerializer, responses={201: serializers.AssignmentSerializer})
    def assign(self, request):
        data = self.validated_input(serializers.AssignInputSerializer)
        mechanic = mechanic_by_public_id(public_id=data["mechanic_id"])
        assignment = booking_assign(booking_id=data["booking_id"], mechanic=mechanic,
                                    assignment_type=data["assignment_type"], assigned_by=request.user)
        return self.output(assignment, status.HTTP_201_CREATED, serializer_class=serializers.AssignmentSerializer)

    @extend_schema(parameters=[serializers.SuggestionQuerySerializer],
                   responses={200: serializers.SuggestionSerializer(many=True)})
    def suggestions(self, request, booking_id: int):
        """Qualified mechanics for the assignment, least loaded first, then highest score."""
        if booking_detail(user=request.user, booking_id=booking_id) is None:
            raise Http404
        query = self.validated_query(serializers.SuggestionQuerySerializer)
        mechanics = mechanic_suggestions(assignment_type=query["assignment_type"])
        return self.output_page(mechanics, serializer_class=serializers.SuggestionSerializer)

    @extend_schema(request=serializers.ProgressEditInputSerializer, responses={200: serializers.ProgressSerializer})
    def progress_edit(self, request, progress_id: int):
        data = self.validated_input(serializers.ProgressEditInputSerializer)
        progress = progress_edit(progress_id=progress_id, admin=request.user, **data)
        return self.output(progress, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=None, responses={200: serializers.ProgressSerializer})
    def progress_validate(self, request, progress_id: int):
        progress = progress_validate(progress_id=progress_id, admin=request.user)
        return self.output(progress, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=serializers.AnalysisEditInputSerializer, responses={200: serializers.AnalysisSerializer})
    def analysis_edit(self, request, booking_id: int):
        data = self.validated_input(serializers.AnalysisEditInputSerializer)
        data["quotes"] = [dict(row) for row in data.get("quotes", [])]
        analysis = analysis_edit(booking_id=booking_id, admin=request.user, **data)
        return self.output(analysis, serializer_class=serializers.AnalysisSerializer)

    @extend_schema(request=None, responses={200: serializers.AnalysisSerializer})
    def analysis_validate(self, request, booking_id: int):
        analysis = analysis_validate(booking_id=booking_id, admin=request.user)
        return self.output(analysis, serializer_class=serializers.AnalysisSerializer)


    @extend_schema(parameters=[serializers.EfficiencyQuerySerializer],
                   responses={200: serializers.EfficiencySerializer, **error_responses(422)})
    def efficiency(self, request):
        """Estimated against actual hours per mechanic and per service, with the formula used."""
        query = self.validated_query(serializers.EfficiencyQuerySerializer)
        today = timezone.localdate()
        figures = mechanic_efficiency(date_from=query.get("date_from") or today - timedelta(days=30),
                                      date_to=query.get("date_to") or today)
        return self.output(figures, serializer_class=serializers.EfficiencySerializer)

    @extend_schema(request=None, responses={204: None})
    def finding_delete(self, request, finding_id: int):
        """Remove a finding from an analysis that is not approved yet."""
        finding_delete(finding_id=finding_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
        booking = booking_assigned_to(mechanic=self.request.user, booking_id=booking_id)
        if booking is None:
            raise Http404
        return booking.pk

    @extend_schema(parameters=[OpenApiParameter("open", bool, description="true: open only; false: closed only")],
                   responses={200: serializers.MechanicAssignmentSerializer(many=True)})
    def assignments(self, request):
        query = self.validated_query(serializers.AssignmentListQuerySerializer)
        return self.output_page(mechanic_assignment_list(mechanic=request.user, is_open=query["open"]))

    @extend_schema(request=serializers.AnalysisInputSerializer, responses={201: serializers.AnalysisSerializer})
    def analysis(self, request):
        data = self.validated_input(serializers.AnalysisInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        data["quotes"] = [dict(row) for row in data["quotes"]]
        data["recommended"] = [dict(row) for row in data["recommended"]]
        analysis = analysis_submit(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(analysis, status.HTTP_201_CREATED, serializer_class=serializers.AnalysisSerializer)

    @extend_schema(request=serializers.ProgressInputSerializer, responses={201: serializers.ProgressSerializer},
                   description="A pickup reports received, a service in-progress, a drop delivered. When the garage "
                               "asks for the customer's handover code (off in a fresh install), a pickup or drop "
                               "answers 409 until POST /bookings/mechanic/custody and .../custody/confirm are done; "
                               "the 409 names the call to make.")
    def progress(self, request):
        data = self.validated_input(serializers.ProgressInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        progress = progress_post(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(progress, status.HTTP_201_CREATED, serializer_class=serializers.ProgressSerializer)

    @extend_schema(request=serializers.FindingInputSerializer,
                   responses={201: serializers.FindingSerializer},
                   description="Add a finding to your submitted analysis (until the garage approves it): severity, "
                               "note, photos, and the service that fixes it with its quoted price (added to the "
                               "booking as a recommended extra when it is not there yet).")
    def findings(self, request):
        data = self.validated_input(serializers.FindingInputSerializer)
        booking_id = self.assigned_booking_id(data.pop("booking_id"))
        finding = finding_add(booking_id=booking_id, actor=request.user, **data)
        return self.output(finding_detail(finding_id=finding.pk, mechanic=request.user),
                           status.HTTP_201_CREATED,
                           serializer_class=serializers.FindingSerializer)

    @extend_schema(request=None, responses={204: None})
    def finding_delete(self, request, finding_id: int):
        """Take back a finding of your own analysis before the garage approves it."""
        finding = finding_detail(finding_id=finding_id, mechanic=request.user)
        if finding is None:
            raise Http404
        finding_delete(finding_id=finding.pk, actor=request.user)
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
        record, _code = custody_record(booking_id=booking_id, mechanic=request.user, **data)
        return self.output(record, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.CustodyConfirmInputSerializer,
                   responses={200: serializers.CustodyRecordSerializer},
                   description="The customer's code: the car has changed hands. Five wrong codes use it up. 409 "
                               "when the garage asks for no code.")
    def custody_confirm(self, request):
        data = self.validated_input(serializers.CustodyConfirmInputSerializer)
        booking_id = self.assigned_booking_id(data["booking_id"])
        return self.output(custody_confirm(booking_id=booking_id, mechanic=request.user, code=data["code"]))


class BookingCustodyViewSet(ApiViewSet):
    """The customer's side of a doorstep handover."""

    output_serializer_class = serializers.CustodyRecordSerializer
    required_scopes = {"custody_dispute": "UPDATE:BOOKINGS"}
    filter_backends = []

    @extend_schema(request=serializers.CustodyDisputeInputSerializer,
                   responses={200: serializers.CustodyRecordSerializer},
                   description="Question a handover record (pickup or drop); the garage sees it on the timeline.")
    def custody_dispute(self, request, booking_id: int, stage: str):
        booking = booking_visible_to(user=request.user).filter(pk=booking_id).first()
        if booking is None:
            raise Http404
        if stage not in CustodyStage.values:
            raise Http404
        data = self.validated_input(serializers.CustodyDisputeInputSerializer)
        record = custody_dispute(booking_id=booking.pk, stage=stage, actor=request.user, note=data["note"])
        return self.output(record)


class BookingPhotoView(APIView):
    """A photo of a booking (analysis, finding or progress report), for those who may see the booking."""

    required_scopes = {"get": "READ:BOOKINGS"}

    @extend_schema(operation_id="bookings_photo", responses={(200, "image/jpeg"): OpenApiTypes.BINARY,
                                                             **error_responses(401, 403, 404)})
    def get(self, request, kind: str, image_id: int):
        photo = photo_visible_to(user=request.user, kind=kind, image_id=image_id)
        if photo is None or not photo.image.storage.exists(photo.image.name):
            raise Http404
        response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response
