from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from garage import selectors, services
from garage.api import serializers
from garage.models import Area, CarClass, CarModel, FuelType, Manufacturer
from revcare.api.parsers import PHOTOS_OR_JSON
from revcare.api.permissions import PUBLIC
from revcare.api.schema import error_responses
from revcare.api.viewsets import ApiViewSet


def crud_scopes(resource: str, *, read: str | None = None) -> dict[str, str]:
    read_scope = read or f"READ:{resource}"
    return {
        "list": read_scope,
        "retrieve": read_scope,
        "create": f"WRITE:{resource}",
        "update": f"UPDATE:{resource}",
        "destroy": f"DELETE:{resource}",
    }


class ReferenceViewSet(ApiViewSet):
    """Reference rows everyone signed in reads and admins maintain; a row in use cannot be deleted."""

    model = None

    def get_queryset(self):
        return self.queryset_selector()

    def create_object(self, data):
        return services.reference_row_create(model=self.model, **data)

    def update_object(self, instance, data):
        return services.reference_row_update(row=instance, **data)

    def delete_object(self, instance):
        services.reference_row_delete(row=instance)


class AreaViewSet(ReferenceViewSet):
    model = Area
    queryset_selector = staticmethod(selectors.area_list)
    input_serializer_class = output_serializer_class = serializers.AreaSerializer
    required_scopes = crud_scopes("AREAS")
    filterset_fields = ["pincode"]


class ManufacturerViewSet(ReferenceViewSet):
    model = Manufacturer
    queryset_selector = staticmethod(selectors.manufacturer_list)
    input_serializer_class = output_serializer_class = serializers.ManufacturerSerializer
    required_scopes = crud_scopes("CARS")


class FuelTypeViewSet(ReferenceViewSet):
    model = FuelType
    queryset_selector = staticmethod(selectors.fuel_type_list)
    input_serializer_class = output_serializer_class = serializers.FuelTypeSerializer
    required_scopes = crud_scopes("CARS")


class CarClassViewSet(ReferenceViewSet):
    model = CarClass
    queryset_selector = staticmethod(selectors.car_class_list)
    input_serializer_class = output_serializer_class = serializers.CarClassSerializer
    required_scopes = crud_scopes("CARS")


class CarModelViewSet(ReferenceViewSet):
    parser_classes = PHOTOS_OR_JSON  # with the model's picture
    model = CarModel
    queryset_selector = staticmethod(selectors.car_model_list)
    input_serializer_class = serializers.CarModelInputSerializer
    output_serializer_class = serializers.CarModelOutputSerializer
    required_scopes = crud_scopes("CARS")
    filterset_fields = ["manufacturer", "fuel_type", "car_class", "year"]


class AddressViewSet(ApiViewSet):
    """A customer's own addresses (admins see all)."""

    input_serializer_class = serializers.AddressInputSerializer
    output_serializer_class = serializers.AddressOutputSerializer
    required_scopes = crud_scopes("ADDRESSES")
    filterset_fields = ["area"]

    def get_queryset(self):
        return selectors.address_list(user=self.request.user)

    def create_object(self, data):
        return services.address_create(customer=self.request.user, **data)

    def update_object(self, instance, data):
        return services.address_update(address=instance, **data)

    def delete_object(self, instance):
        services.address_delete(address=instance)


class CustomerCarViewSet(ApiViewSet):
    """A customer's own cars (admins see all)."""

    input_serializer_class = serializers.CustomerCarInputSerializer
    output_serializer_class = serializers.CustomerCarOutputSerializer
    required_scopes = crud_scopes("CUSTOMER_CARS")
    filterset_fields = ["car_model"]

    def get_queryset(self):
        return selectors.customer_car_list(user=self.request.user)

    def create_object(self, data):
        return services.customer_car_create(customer=self.request.user, **data)

    def update_object(self, instance, data):
        return services.customer_car_update(car=instance, **data)

    def delete_object(self, instance):
        services.customer_car_delete(car=instance)


class StatusViewSet(ApiViewSet):
    """Labels of the statuses fixed in code: POST answers 409 (every status has its row) or 422 (not a
    status), PUT relabels, DELETE is 409."""

    input_serializer_class = output_serializer_class = serializers.StatusSerializer
    required_scopes = {**crud_scopes("UTILS")}
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.status_list()

    def create_object(self, data):
        return services.status_create(**data)

    def update_object(self, instance, data):
        return services.status_update(status=instance, **data)

    def delete_object(self, instance):
        services.status_delete(status=instance)


class TimeslotViewSet(ApiViewSet):
    input_serializer_class = output_serializer_class = serializers.TimeslotSerializer
    required_scopes = {**crud_scopes("UTILS")}

    def get_queryset(self):
        return selectors.timeslot_list()

    def create_object(self, data):
        return services.timeslot_create(**data)

    def update_object(self, instance, data):
        return services.timeslot_update(timeslot=instance, **data)

    def delete_object(self, instance):
        services.timeslot_delete(timeslot=instance)


class ContentView(APIView):
    parser_classes = PHOTOS_OR_JSON  # with the entry's image
    required_scopes = {"put": "UPDATE:CONTENT"}

    @extend_schema(operation_id="content_update", request=serializers.ContentInputSerializer,
                   responses={200: serializers.ContentOutputSerializer, **error_responses(401, 403, 422)})
    def put(self, request):
        payload = serializers.ContentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        content = services.content_save(slug=data.pop("slug"), editor=request.user, **data)
        return Response(serializers.ContentOutputSerializer(content, context={"request": request}).data)


class ContentDetailView(APIView):
    authentication_classes = []
    required_scopes = {"get": PUBLIC}

    @extend_schema(operation_id="content_retrieve", responses={200: serializers.ContentOutputSerializer,
                                                               **error_responses(404)}, auth=[])
    def get(self, request, content_id: str):
        content = selectors.content_get(slug=content_id)
        if content is None:
            raise Http404
        return Response(serializers.ContentOutputSerializer(content, context={"request": request}).data)


class GstView(APIView):
    required_scopes = {"get": "READ:GST", "put": "UPDATE:GST"}

    @extend_schema(operation_id="gst_retrieve", responses={200: serializers.GstRateSerializer,
                                                           **error_responses(401, 403)})
    def get(self, request):
        return Response(serializers.GstRateSerializer(selectors.gst_rate_current()).data)

    @extend_schema(
        operation_id="gst_update",
        request=None,
        parameters=[OpenApiParameter("percent", str, required=True, description="0 to 28, two decimals at most")],
        responses={200: serializers.GstRateSerializer, **error_responses(401, 403, 422)},
    )
    def put(self, request):
        query = serializers.GstQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rate = services.gst_rate_set(percent=query.validated_data["percent"], set_by=request.user)
        return Response(serializers.GstRateSerializer(rate).data)


class GstHistoryViewSet(ApiViewSet):
    """Every rate ever set, newest first; for those who may set it."""

    output_serializer_class = serializers.GstRateSerializer
    required_scopes = {"list": "UPDATE:GST"}

    def get_queryset(self):
        return selectors.gst_rate_history()


