from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import customer_by_public_id
from catalogue import selectors, services
from catalogue.api import serializers
from catalogue.api.filters import ServiceFilter
from catalogue.models import Service
from garage.selectors import customer_car_list
from revcare.api import response_cache
from revcare.api.parsers import PHOTOS_OR_JSON
from revcare.api.permissions import PUBLIC
from revcare.api.schema import error_responses
from revcare.api.viewsets import ApiViewSet
from revcare.roles import RoleName

CATALOGUE = selectors.CATALOGUE_CACHE
# The query parameters a service list depends on, each normalised as the filter reads it.
SERVICE_LIST_PARAMETERS = {**{name: None for name in ServiceFilter.base_filters},
                           "search": selectors.search_text_normalised, **response_cache.PAGING_PARAMETERS}


class CategoryViewSet(ApiViewSet):
    parser_classes = PHOTOS_OR_JSON  # with the category's image
    input_serializer_class = output_serializer_class = serializers.CategorySerializer
    required_scopes = {"list": PUBLIC, "retrieve": PUBLIC, "create": "WRITE:SERVICE_CATEGORIES",
                       "update": "UPDATE:SERVICE_CATEGORIES", "destroy": "DELETE:SERVICE_CATEGORIES"}

    def get_queryset(self):
        return selectors.category_list()

    def list(self, request, *args, **kwargs):
        parent = super().list
        return response_cache.shared_read(CATALOGUE, request, lambda: parent(request, *args, **kwargs))

    def create_object(self, data):
        return services.category_create(**data)

    def update_object(self, instance, data):
        return services.category_update(category=instance, **data)

    def delete_object(self, instance):
        services.category_delete(category=instance)


class ServiceViewSet(ApiViewSet):
    """The catalogue: public reads, admin writes. Deleting a booked service deactivates it."""

    input_serializer_class = serializers.ServiceInputSerializer
    output_serializer_class = serializers.ServiceOutputSerializer
    required_scopes = {"list": PUBLIC, "retrieve": PUBLIC, "create": "WRITE:SERVICES",
                       "update": "UPDATE:SERVICES", "destroy": "DELETE:SERVICES", "prices": "UPDATE:PRICE_CHART"}
    filterset_class = ServiceFilter

    def get_queryset(self):
        return selectors.service_list(user=self.request.user)

    # Everyone but admins (who also see deactivated services) gets the same catalogue: answered from the
    # cache until it changes.
    def list(self, request, *args, **kwargs):
        return self._shared(super().list, SERVICE_LIST_PARAMETERS, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._shared(super().retrieve, {}, request, *args, **kwargs)

    def _shared(self, read, reads, request, *args, **kwargs):
        if selectors.sees_inactive_services(request.user):
            return read(request, *args, **kwargs)
        return response_cache.shared_read(CATALOGUE, request, lambda: read(request, *args, **kwargs), reads=reads)

    def create_object(self, data):
        return self._reloaded(services.service_create(**data))

    def update_object(self, instance, data):
        return self._reloaded(services.service_update(service=instance, **data))

    def delete_object(self, instance):
        services.service_remove(service=instance)

    def _reloaded(self, service: Service) -> Service:
        # Re-read through the selector so prices, ratings and fuel types are current.
        return selectors.service_list(user=self.request.user).get(pk=service.pk)

    @extend_schema(request=serializers.PriceChartInputSerializer,
                   responses={200: serializers.ServiceOutputSerializer})
    def prices(self, request, pk=None):
        """Replace the service's price chart: one price per car class."""
        service = self.get_object()
        payload = self.validated_input(serializers.PriceChartInputSerializer)
        return self.output(self._reloaded(services.price_chart_set(service=service, prices=payload["prices"])))


class ServiceReviewViewSet(ApiViewSet):
    """Visible reviews of a service; a customer writes, edits and deletes their own."""

    input_serializer_class = serializers.ReviewInputSerializer
    output_serializer_class = serializers.ReviewOutputSerializer
    required_scopes = {"list": PUBLIC, "create": "WRITE:SERVICE_REVIEWS", "update": "UPDATE:SERVICE_REVIEWS",
                       "destroy": "DELETE:SERVICE_REVIEWS"}
    filter_backends = []

    def service(self) -> Service:
        return get_object_or_404(selectors.service_list(user=self.request.user), pk=self.kwargs["service_id"])

    def get_queryset(self):
        return selectors.review_list(service_id=self.service().pk, user=self.request.user)

    def get_object(self):
        review = selectors.review_of(customer=self.request.user).filter(service_id=self.kwargs["service_id"]).first()
        if review is None:
            raise Http404
        return review

    def create_object(self, data):
        return services.review_create(customer=self.request.user, service=self.service(), **data)

    def update_object(self, instance, data):
        return services.review_update(review=instance, **data)

    def delete_object(self, instance):
        services.review_delete(review=instance)


class ReviewModerationView(APIView):
    required_scopes = {"put": "UPDATE:SERVICE_REVIEWS"}

    @extend_schema(operation_id="services_review_moderate", request=serializers.ReviewModerationInputSerializer,
                   responses={200: serializers.ReviewOutputSerializer, **error_responses(401, 403, 404, 422)},
                   description="Admins hide or restore a customer's review of the service, giving a reason.")
    def put(self, request, service_id: int):
        payload = serializers.ReviewModerationInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        service = get_object_or_404(Service, pk=service_id)
        customer = customer_by_public_id(public_id=data["customer_id"])
        review = services.review_moderate(service=service, customer=customer, is_visible=data["is_visible"],
                                          reason=data["reason"], moderator=request.user)
        return Response(serializers.ReviewOutputSerializer(review).data)


class SavedServiceViewSet(ApiViewSet):
    """A customer's cart or favourites: list (with the price for each of their cars), add, remove."""

    output_serializer_class = serializers.SavedServiceSerializer
    filter_backends = []
    list_selector = add_service = remove_service = None

    def get_queryset(self):
        return type(self).list_selector(customer=self.request.user)

    def get_serializer_context(self):
        user = self.request.user
        cars = list(customer_car_list(user=user)) if user.is_authenticated and user.role_id == RoleName.CUSTOMER else []
        return {**super().get_serializer_context(), "cars": cars}

    def create(self, request, service_id: int):
        service = get_object_or_404(Service, pk=service_id)
        row = type(self).add_service(customer=request.user, service=service)
        return self.output(row, status.HTTP_201_CREATED)

    def destroy(self, request, service_id: int):
        type(self).remove_service(customer=request.user, service_id=service_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CartViewSet(SavedServiceViewSet):
    required_scopes = {"list": "READ:CART", "create": "WRITE:CART", "destroy": "DELETE:CART"}
    list_selector = staticmethod(selectors.cart_list)
    add_service = staticmethod(services.cart_add)
    remove_service = staticmethod(services.cart_remove)


class FavouriteViewSet(SavedServiceViewSet):
    required_scopes = {"list": "READ:FAVOURITES", "create": "WRITE:FAVOURITES", "destroy": "DELETE:FAVOURITES"}
    list_selector = staticmethod(selectors.favourite_list)
    add_service = staticmethod(services.favourite_add)
    remove_service = staticmethod(services.favourite_remove)
